package org.basket.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import org.basket.driver.sim.Sleeper;

/**
 * The engine's time for tests: it moves only when the test calls {@link #advance}, and the engine's
 * threads run one at a time, so that a run is the same every time. Every thread the engine starts
 * through this time holds a turn: it runs until it waits on this time or ends, then the next ready
 * thread runs, in the order they became ready. A wait ends when its condition holds (checked whenever
 * a thread gives up its turn), when it is interrupted, or when {@link #advance} reaches its deadline;
 * deadlines are reached one at a time, earliest first, ties in the order the waits began.
 *
 * <p>The test itself runs outside the turns, only while no engine thread runs: it changes the world,
 * then {@link #advance}s (which lets everything that became ready run first). Waiting on this time
 * is for the engine's threads only. Blocking outside it (a lock held across a wait) would stall the
 * run; a stalled run fails after {@link #STALL} of real time, naming the running thread and its stack.
 */
final class VirtualTime implements EngineTime, Sleeper {
    /** A real-time guard against a bug that stalls the run, never a timing the test depends on. */
    static final Duration STALL = Duration.ofSeconds(30);
    private final Object lock = new Object();
    private final Instant epoch;
    private final ThreadLocal<Turn> current = new ThreadLocal<>();
    private final Deque<Turn> ready = new ArrayDeque<>();
    private final List<Turn> waiting = new ArrayList<>();
    private long now;
    private long waits;
    private Turn running;
    private boolean stopped;

    /** One engine thread's place in the run: ready, running or waiting. */
    private static final class Turn {
        Thread thread;
        BooleanSupplier until = () -> true;
        long deadline;
        long order;
        boolean interrupted;
    }

    VirtualTime(Instant epoch) {
        this.epoch = epoch;
    }

    /** Elapsed virtual time since the start. */
    Duration elapsed() {
        synchronized (lock) {
            return Duration.ofNanos(now);
        }
    }

    /**
     * Runs everything that is ready, then moves time forward by {@code duration}, ending each wait whose
     * deadline is reached and running what follows before the next: returns when nothing runs.
     */
    void advance(Duration duration) {
        synchronized (lock) {
            long target = now + duration.toNanos();
            while (true) {
                dispatch();
                awaitQuiet();
                Turn next = waiting.stream().filter(t -> t.deadline <= target)
                        .min(Comparator.comparingLong((Turn t) -> t.deadline).thenComparingLong(t -> t.order))
                        .orElse(null);
                if (next == null) {
                    now = target;
                    return;
                }
                now = Math.max(now, next.deadline);
                waiting.remove(next);
                ready.add(next);
            }
        }
    }

    /** Lets every engine thread run freely from now on, every wait ending as interrupted: to stop the engine. */
    void stop() {
        synchronized (lock) {
            stopped = true;
            lock.notifyAll();
        }
    }

    @Override
    public Clock clock() {
        return new Clock() {
            @Override
            public Instant instant() {
                synchronized (lock) {
                    return epoch.plusNanos(now);
                }
            }

            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                throw new UnsupportedOperationException();
            }
        };
    }

    @Override
    public long nanoTime() {
        synchronized (lock) {
            return now;
        }
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
        synchronized (lock) {
            await(() -> false, now + duration.toNanos());
        }
    }

    @Override
    public void hang() throws InterruptedException {
        sleep(Duration.ofNanos(Long.MAX_VALUE / 2));
    }

    @Override
    public <T> T get(Future<T> future, long deadline) throws InterruptedException, ExecutionException,
            TimeoutException {
        synchronized (lock) {
            if (!await(future::isDone, deadline)) {
                throw new TimeoutException();
            }
        }
        return future.get();
    }

    @Override
    public ExecutorService pool(String name, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException(name + ": at least one thread, not " + threads);
        }
        return new Pool(name, threads);
    }

    @Override
    public <T> CompletionService<T> completions(ExecutorService pool) {
        return new Completions<>(pool);
    }

    @Override
    public void schedule(Duration delay, Runnable task) {
        start("basket-timer", () -> {
            try {
                sleep(delay);
                task.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    @Override
    public Thread start(String name, Runnable body) {
        synchronized (lock) {
            Turn turn = new Turn();
            Thread thread = new Thread(() -> run(turn, body), name);
            thread.setDaemon(true);
            turn.thread = thread;
            ready.add(turn);
            thread.start();
            return thread;
        }
    }

    @Override
    public Signal signal() {
        boolean[] raised = new boolean[1];
        return new Signal() {
            @Override
            public void raise() {
                synchronized (lock) {
                    raised[0] = true;
                }
            }

            @Override
            public boolean awaitAndClear(Duration timeout) throws InterruptedException {
                synchronized (lock) {
                    boolean was = await(() -> raised[0], now + timeout.toNanos());
                    raised[0] = false;
                    return was;
                }
            }
        };
    }

    private void run(Turn turn, Runnable body) {
        current.set(turn);
        synchronized (lock) {
            awaitTurn(turn);
        }
        try {
            body.run();
        } finally {
            synchronized (lock) {
                if (running == turn) {
                    running = null;
                    dispatch();
                }
            }
        }
    }

    /** Under the lock, on an engine thread holding its turn: gives the turn up until the condition or the deadline. */
    private boolean await(BooleanSupplier until, long deadline) throws InterruptedException {
        Turn turn = current.get();
        if (turn == null) {
            throw new IllegalStateException("a wait on virtual time outside the engine's threads ("
                    + Thread.currentThread().getName() + ")");
        }
        if (stopped) {
            throw new InterruptedException("the engine is stopping");
        }
        if (until.getAsBoolean()) {
            return true;
        }
        if (deadline > now) {
            turn.until = until;
            turn.deadline = deadline;
            turn.order = ++waits;
            waiting.add(turn);
            running = null;
            dispatch();
            awaitTurn(turn);
        }
        if (turn.interrupted || Thread.interrupted() || stopped) {
            turn.interrupted = false;
            throw new InterruptedException(stopped ? "the engine is stopping" : "interrupted");
        }
        return until.getAsBoolean();
    }

    private void awaitTurn(Turn turn) {
        while (running != turn && !stopped) {
            try {
                lock.wait();
            } catch (InterruptedException e) {
                turn.interrupted = true;
            }
        }
    }

    /** Under the lock, when no thread runs: wakes the waits whose condition holds, then gives the next turn. */
    private void dispatch() {
        for (Turn turn : List.copyOf(waiting)) {
            if (turn.interrupted || turn.thread.isInterrupted() || turn.until.getAsBoolean()) {
                waiting.remove(turn);
                ready.add(turn);
            }
        }
        if (running == null && !ready.isEmpty()) {
            running = ready.poll();
        }
        lock.notifyAll();
    }

    private void awaitQuiet() {
        long deadline = System.nanoTime() + STALL.toNanos();
        while (running != null || !ready.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || stopped) {
                throw new IllegalStateException("the engine did not come to rest at " + elapsedText() + ": "
                        + (stopped ? "stopped" : "running " + running.thread.getName() + stack(running.thread)));
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the engine ran");
            }
        }
    }

    private String elapsedText() {
        return Duration.ofNanos(now).toString();
    }

    private static String stack(Thread thread) {
        StringBuilder text = new StringBuilder();
        for (StackTraceElement element : thread.getStackTrace()) {
            text.append("\n    at ").append(element);
        }
        return text.toString();
    }

    /** Tasks on engine threads, at most {@code size} at once, started in the order they were submitted. */
    private final class Pool extends AbstractExecutorService {
        private final String name;
        private final int size;
        private final Deque<Runnable> queued = new ArrayDeque<>();
        private final List<Thread> active = new ArrayList<>();
        private int started;
        private boolean shutdown;

        Pool(String name, int size) {
            this.name = name;
            this.size = size;
        }

        @Override
        public void execute(Runnable task) {
            synchronized (lock) {
                if (shutdown) {
                    throw new RejectedExecutionException(name + " is shut down");
                }
                queued.add(task);
                startQueued();
            }
        }

        private void startQueued() {
            while (active.size() < size && !queued.isEmpty()) {
                Runnable task = queued.poll();
                Thread[] self = new Thread[1];
                self[0] = start(name + "-" + ++started, () -> {
                    try {
                        task.run();
                    } finally {
                        synchronized (lock) {
                            active.remove(self[0]);
                            startQueued();
                        }
                    }
                });
                active.add(self[0]);
            }
        }

        @Override
        public void shutdown() {
            synchronized (lock) {
                shutdown = true;
            }
        }

        @Override
        public List<Runnable> shutdownNow() {
            synchronized (lock) {
                shutdown = true;
                List<Runnable> left = new ArrayList<>(queued);
                queued.clear();
                active.forEach(Thread::interrupt);
                return left;
            }
        }

        @Override
        public boolean isShutdown() {
            synchronized (lock) {
                return shutdown;
            }
        }

        @Override
        public boolean isTerminated() {
            synchronized (lock) {
                return shutdown && active.isEmpty();
            }
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            throw new UnsupportedOperationException("not used by the engine");
        }
    }

    /** Tasks handed back as they end; {@link #poll(long, TimeUnit)} waits on virtual time. */
    private final class Completions<T> implements CompletionService<T> {
        private final ExecutorService pool;
        private final LinkedBlockingQueue<Future<T>> done = new LinkedBlockingQueue<>();

        Completions(ExecutorService pool) {
            this.pool = pool;
        }

        @Override
        public Future<T> submit(Callable<T> task) {
            FutureTask<T> future = new FutureTask<>(task) {
                @Override
                protected void done() {
                    Completions.this.done.add(this);
                }
            };
            pool.execute(future);
            return future;
        }

        @Override
        public Future<T> submit(Runnable task, T result) {
            return submit(() -> {
                task.run();
                return result;
            });
        }

        @Override
        public Future<T> take() throws InterruptedException {
            synchronized (lock) {
                await(() -> !done.isEmpty(), Long.MAX_VALUE);
            }
            return done.poll();
        }

        @Override
        public Future<T> poll() {
            return done.poll();
        }

        @Override
        public Future<T> poll(long timeout, TimeUnit unit) throws InterruptedException {
            synchronized (lock) {
                await(() -> !done.isEmpty(), now + unit.toNanos(timeout));
            }
            return done.poll();
        }
    }
}
