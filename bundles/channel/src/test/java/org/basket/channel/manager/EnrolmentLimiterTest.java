package org.basket.channel.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.basket.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

class EnrolmentLimiterTest {
    private static final ChannelLimits LIMITS = new ChannelLimits(64, 8, 16 * 1024, 3, Duration.ofSeconds(1),
            Duration.ofMinutes(1));

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-04T12:00:00Z"));
    private final EnrolmentLimiter limiter = new EnrolmentLimiter(LIMITS, clock);
    private final InetAddress guesser = address("192.0.2.1");
    private final InetAddress other = address("192.0.2.2");

    @Test
    void anAddressWaitsAfterItsFreeFailuresTwiceAsLongEachTimeUpToTheLongest() {
        for (int i = 0; i < 3; i++) {
            limiter.failed(guesser);
        }
        assertEquals(Optional.empty(), limiter.wait(guesser));

        limiter.failed(guesser);
        assertEquals(Optional.of(Duration.ofSeconds(1)), limiter.wait(guesser));
        limiter.failed(guesser);
        assertEquals(Optional.of(Duration.ofSeconds(2)), limiter.wait(guesser));
        for (int i = 0; i < 10; i++) {
            limiter.failed(guesser);
        }
        assertEquals(Optional.of(Duration.ofMinutes(1)), limiter.wait(guesser));
        assertEquals(Optional.empty(), limiter.wait(other));

        clock.advance(Duration.ofMinutes(1));
        assertEquals(Optional.empty(), limiter.wait(guesser));
        limiter.failed(guesser);
        assertEquals(Optional.empty(), limiter.wait(guesser), "failures a back-off ago are forgotten");
    }

    @Test
    void aSuccessClearsItsAddress() {
        for (int i = 0; i < 4; i++) {
            limiter.failed(guesser);
        }
        limiter.succeeded(guesser);
        clock.advance(Duration.ofSeconds(1));
        limiter.failed(guesser);
        assertEquals(Optional.empty(), limiter.wait(guesser));
    }

    @Test
    void failuresFromManyAddressesMakeEveryoneWait() {
        for (int i = 0; i < 30; i++) {
            limiter.failed(address("198.51.100." + (i + 1)));
        }
        assertEquals(Optional.empty(), limiter.wait(other));

        limiter.failed(address("198.51.100.200"));

        assertEquals(Optional.of(Duration.ofSeconds(1)), limiter.wait(other));
    }

    private static InetAddress address(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
