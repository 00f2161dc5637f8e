package org.basket.coordination;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class LeaseTest {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final Lease lease = new Lease(Duration.ofMillis(1_000), nanos::get);

    @Test
    void itRunsFromTheStartOfTheRoundTripNotFromItsAnswer() {
        long sent = nanos.get();
        nanos.addAndGet(Duration.ofMillis(900).toNanos());
        lease.renewedBy(sent);

        assertTrue(lease.valid());
        nanos.addAndGet(Duration.ofMillis(100).toNanos());
        assertFalse(lease.valid(), "a late answer stretched the lease");
    }

    @Test
    void anOlderRoundTripAnsweredLaterNeverTakesItBack() {
        long older = nanos.get();
        nanos.addAndGet(Duration.ofMillis(500).toNanos());
        lease.renewedBy(nanos.get());
        lease.renewedBy(older);

        assertEquals(Duration.ofMillis(1_000).toNanos(), lease.remainingNanos());
    }

    @Test
    void nothingCountsBeforeTheFirstAnswerOrAfterItEnded() {
        assertFalse(lease.valid());
        lease.renewedBy(nanos.get());
        lease.end();

        assertFalse(lease.valid());
    }

    @Test
    void aPauseLongerThanTheLeaseEndsIt() {
        lease.renewedBy(nanos.get());
        nanos.addAndGet(Duration.ofSeconds(30).toNanos());

        assertFalse(lease.valid());
    }
}
