package org.basket.core;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Spaces out the fencing attempts of a host whose fencing keeps failing: the first retry after
 * {@code initial}, then twice as long each time, at most {@code max}. Fencing that works, or a host
 * that answers again, starts afresh.
 */
final class FenceBackoff {
    private record Failures(int count, Instant nextAttempt) {
    }

    private final Map<String, Failures> failures = new HashMap<>();
    private volatile Duration initial;
    private volatile Duration max;

    FenceBackoff(Duration initial, Duration max) {
        this.initial = initial;
        this.max = max;
    }

    void configure(Duration initialDelay, Duration maxDelay) {
        initial = initialDelay;
        max = maxDelay;
    }

    /** Records a failed attempt; returns how many failed in a row. */
    synchronized int failed(String host, Instant now) {
        int count = failures.containsKey(host) ? failures.get(host).count() + 1 : 1;
        failures.put(host, new Failures(count, now.plus(delay(count))));
        return count;
    }

    synchronized void reset(String host) {
        failures.remove(host);
    }

    /** When the next attempt is due, if the host is backing off now. */
    synchronized Optional<Instant> waitingUntil(String host, Instant now) {
        Failures f = failures.get(host);
        return f != null && now.isBefore(f.nextAttempt()) ? Optional.of(f.nextAttempt()) : Optional.empty();
    }

    /** How long until the first host's next attempt is due, if one is backing off now. */
    synchronized Optional<Duration> untilNextAttempt(Instant now) {
        return failures.values().stream().map(Failures::nextAttempt).filter(now::isBefore).min(Instant::compareTo)
                .map(t -> Duration.between(now, t));
    }

    private Duration delay(int count) {
        Duration delay = initial.multipliedBy(1L << Math.min(count - 1, 20));
        return delay.compareTo(max) > 0 ? max : delay;
    }
}
