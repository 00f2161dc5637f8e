package org.basket.core;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;

/**
 * Where the engine's time comes from: the wall clock, the monotonic time of deadlines, and every wait,
 * delay and thread whose timing matters. Production uses {@link SystemTime}; tests use a virtual time
 * that moves only when the test moves it.
 */
interface EngineTime {
    /** The wall clock: event times, fail-count times, back-off. */
    Clock clock();

    /** Monotonic nanoseconds, for deadlines and durations. */
    long nanoTime();

    void sleep(Duration duration) throws InterruptedException;

    /** The future's result, waited for at most until {@code deadline} ({@link #nanoTime()}). */
    <T> T get(Future<T> future, long deadline) throws InterruptedException, ExecutionException, TimeoutException;

    /** As many threads as there are tasks: for {@link #pool}. */
    int UNBOUNDED = Integer.MAX_VALUE;

    /** Daemon threads named {@code name-N}, at most {@code threads} at once ({@link #UNBOUNDED}: one per task). */
    ExecutorService pool(String name, int threads);

    /** Tasks run on {@code pool}, each handed back when done; {@code poll(timeout)} waits on this time. */
    <T> CompletionService<T> completions(ExecutorService pool);

    /** Runs {@code task} once {@code delay} has passed, on a thread of its own. */
    void schedule(Duration delay, Runnable task);

    /** Starts a daemon thread. */
    Thread start(String name, Runnable body);

    /** A wake-up call: raised by anyone, awaited by one thread. */
    Signal signal();

    interface Signal {
        void raise();

        /** Waits until the signal is raised or {@code timeout} has passed; clears it; true if it was raised. */
        boolean awaitAndClear(Duration timeout) throws InterruptedException;
    }
}
