package org.basket.channel.manager;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import org.basket.testsupport.MutableClock;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class CoalescedLogTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-04T12:00:00Z"));
    private final CoalescedLog log = new CoalescedLog(LoggerFactory.getLogger(CoalescedLogTest.class), clock);

    @Test
    void anAddressIsLoggedOnceAMinuteWhateverItsPortOthersStillAre() {
        assertTrue(log.refused("192.0.2.1:40000", "no TLS handshake and first frame within 10000 ms"));
        for (int port = 40001; port < 40500; port++) {
            assertFalse(log.refused("192.0.2.1:" + port, "closed before TLS: 8 connections from this address are already authenticating"));
        }
        assertTrue(log.refused("192.0.2.2:40000", "TLS handshake failed"));

        clock.advance(CoalescedLog.WINDOW);

        assertTrue(log.refused("192.0.2.1:41000", "closed before TLS"), "a minute later, with the count of the rest");
        assertFalse(log.refused("192.0.2.1:41001", "closed before TLS"));
        clock.advance(Duration.ofSeconds(59));
        assertFalse(log.refused("192.0.2.1:41002", "closed before TLS"));
    }
}
