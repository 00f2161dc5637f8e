package org.basket.coordination;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A lease on the monotonic clock: it runs for {@code length} from the START of the last round trip to the ensemble that
 * succeeded, so that a reply that was delayed or read after a pause cannot stretch it.
 */
final class Lease {
    private static final long NEVER = Long.MIN_VALUE;

    private final long lengthNanos;
    private final LongSupplier nanoClock;
    private final AtomicLong lastStart = new AtomicLong(NEVER);

    Lease(Duration length, LongSupplier nanoClock) {
        this.lengthNanos = length.toNanos();
        this.nanoClock = nanoClock;
    }

    /** A round trip that started at {@code startNanos} (the monotonic clock) succeeded. */
    void renewedBy(long startNanos) {
        lastStart.accumulateAndGet(startNanos, (last, start) -> last == NEVER || start - last > 0 ? start : last);
    }

    /** Nothing before now counts any more. */
    void end() {
        lastStart.set(NEVER);
    }

    boolean valid() {
        return remainingNanos() > 0;
    }

    /** How long it still runs; zero or less when it ran out (or never began). */
    long remainingNanos() {
        long last = lastStart.get();
        return last == NEVER ? -1 : last + lengthNanos - nanoClock.getAsLong();
    }

    /** How long ago the last round trip that counts began, if any. */
    Duration sinceLastStart() {
        long last = lastStart.get();
        return last == NEVER ? null : Duration.ofNanos(nanoClock.getAsLong() - last);
    }

    Duration length() {
        return Duration.ofNanos(lengthNanos);
    }
}
