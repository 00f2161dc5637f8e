package org.basket.driver.sim;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/** A sleeper that holds every sleeping call until the test opens the gate: time passes when the test says so. */
final class GatedSleeper implements Sleeper {
    private final CountDownLatch gate = new CountDownLatch(1);
    private final AtomicInteger sleeping = new AtomicInteger();

    @Override
    public void sleep(Duration duration) throws InterruptedException {
        sleeping.incrementAndGet();
        try {
            gate.await();
        } finally {
            sleeping.decrementAndGet();
        }
    }

    boolean someoneSleeps() {
        return sleeping.get() > 0;
    }

    void open() {
        gate.countDown();
    }
}
