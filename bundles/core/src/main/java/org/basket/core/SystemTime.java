package org.basket.core;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/** The engine's time in production: the system's clocks, timers and threads. */
final class SystemTime implements EngineTime {
    private final Clock clock;

    SystemTime() {
        this(Clock.systemUTC());
    }

    /** The system's timers and threads with another wall clock. */
    SystemTime(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
        TimeUnit.NANOSECONDS.sleep(duration.toNanos());
    }

    @Override
    public <T> T get(Future<T> future, long deadline) throws InterruptedException, ExecutionException,
            TimeoutException {
        return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    @Override
    public ExecutorService pool(String name, int threads) {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = r -> daemon(r, name + "-" + count.incrementAndGet());
        return threads == UNBOUNDED ? Executors.newCachedThreadPool(factory) : Executors.newFixedThreadPool(threads, factory);
    }

    @Override
    public <T> CompletionService<T> completions(ExecutorService pool) {
        return new ExecutorCompletionService<>(pool);
    }

    @Override
    public void schedule(Duration delay, Runnable task) {
        CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS).execute(task);
    }

    @Override
    public Thread start(String name, Runnable body) {
        Thread thread = daemon(body, name);
        thread.start();
        return thread;
    }

    @Override
    public Signal signal() {
        Semaphore permits = new Semaphore(0);
        return new Signal() {
            @Override
            public void raise() {
                if (permits.availablePermits() == 0) {
                    permits.release();
                }
            }

            @Override
            public boolean awaitAndClear(Duration timeout) throws InterruptedException {
                boolean raised = permits.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS);
                permits.drainPermits();
                return raised;
            }
        };
    }

    private static Thread daemon(Runnable body, String name) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        return thread;
    }
}
