package org.basket.channel.manager;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How often enrolment may fail: after {@link ChannelLimits#enrolFreeFailures()} failures from one address
 * (ten times as many overall), each further failure makes that address (or everyone) wait, from
 * {@code enrolMinBackoff} doubling up to {@code enrolMaxBackoff}. Failures older than the longest wait
 * are forgotten; an enrolment that succeeds clears its address.
 */
final class EnrolmentLimiter {
    private static final int MAX_ADDRESSES = 4096;

    private final Clock clock;
    private final ChannelLimits limits;
    private final Map<InetAddress, Failures> perAddress = new HashMap<>();
    private final Failures overall = new Failures();

    private static final class Failures {
        int count;
        Instant last = Instant.MIN;
        Instant blockedUntil = Instant.MIN;
    }

    EnrolmentLimiter(ChannelLimits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    /** How long the address must still wait before it may try again, if it must. */
    synchronized Optional<Duration> wait(InetAddress address) {
        Instant now = clock.instant();
        Failures own = perAddress.get(address);
        Instant until = own == null ? overall.blockedUntil
                : own.blockedUntil.isAfter(overall.blockedUntil) ? own.blockedUntil : overall.blockedUntil;
        return now.isBefore(until) ? Optional.of(Duration.between(now, until)) : Optional.empty();
    }

    synchronized void failed(InetAddress address) {
        Instant now = clock.instant();
        if (perAddress.size() >= MAX_ADDRESSES && !perAddress.containsKey(address)) {
            perAddress.values().removeIf(f -> !now.isBefore(f.last.plus(limits.enrolMaxBackoff())));
        }
        count(perAddress.computeIfAbsent(address, key -> new Failures()), limits.enrolFreeFailures(), now);
        count(overall, limits.enrolFreeFailures() * 10, now);
    }

    synchronized void succeeded(InetAddress address) {
        perAddress.remove(address);
    }

    private void count(Failures failures, int free, Instant now) {
        if (!now.isBefore(failures.last.plus(limits.enrolMaxBackoff()))) {
            failures.count = 0;
        }
        failures.count++;
        failures.last = now;
        int beyond = failures.count - free;
        if (beyond > 0) {
            long millis = limits.enrolMinBackoff().toMillis() << Math.min(beyond - 1, 30);
            failures.blockedUntil = now.plusMillis(Math.min(millis, limits.enrolMaxBackoff().toMillis()));
        }
    }
}
