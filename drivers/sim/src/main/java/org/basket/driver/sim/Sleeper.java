package org.basket.driver.sim;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** How the simulator lets time pass: real sleeping by default, replaceable by a virtual clock. */
@FunctionalInterface
public interface Sleeper {

    Sleeper REAL = duration -> TimeUnit.NANOSECONDS.sleep(duration.toNanos());

    /** Returns once {@code duration} has passed; interruptible. */
    void sleep(Duration duration) throws InterruptedException;

    /** Returns only when interrupted: a simulated hang. */
    default void hang() throws InterruptedException {
        new CountDownLatch(1).await();
    }
}
