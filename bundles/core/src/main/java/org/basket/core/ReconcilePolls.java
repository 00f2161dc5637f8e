package org.basket.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import org.basket.api.model.Capacity;
import org.basket.api.model.HostCondition;

/**
 * The periodic reconcile polls of hosts whose driver reports changes, run on the poll threads outside the loop's turn,
 * at most {@link #limit} at once (the rest of the poll threads stay free for the polls a turn waits for); hosts due
 * meanwhile wait their turn here, each once, and the next starts as soon as one ends. An answer never enters the
 * observation: the observer only compares it with what it believes, and a difference is news about the host, like a
 * driver event, so that the host is polled within a later turn.
 */
final class ReconcilePolls {
    /**
     * What one reconcile poll found, or why it failed ({@code failure} not null).
     *
     * @param stamp the observer's change stamp when the poll began: news about the host after it makes the answer stale
     */
    record Answer(String host, long stamp, Set<String> active, Capacity capacity, List<HostCondition> conditions,
                  String failure) {
        static Answer failed(String host, long stamp, String failure) {
            return new Answer(host, stamp, Set.of(), Capacity.NONE, List.of(), failure);
        }
    }

    private static final class Flight {
        volatile long stamp;
        volatile Long begun;
        volatile Future<?> future;
    }

    private final EngineTime time;
    private final LongSupplier stamps;
    private final BiFunction<String, Long, Answer> poll;
    private final Consumer<Answer> answered;
    private final Map<String, Flight> inFlight = new ConcurrentHashMap<>();
    /** Hosts due, in the order they fell due, each once. */
    private final Set<String> waiting = new LinkedHashSet<>();
    private volatile ExecutorService pool;
    private volatile int limit = 1;

    /**
     * @param stamps   the observer's change stamp, read when a poll begins
     * @param poll     polls a host, given the stamp it began at
     * @param answered takes each answer, on its poll thread, unless {@link #overdue} gave the poll up first
     */
    ReconcilePolls(EngineTime time, LongSupplier stamps, BiFunction<String, Long, Answer> poll, Consumer<Answer> answered) {
        this.time = time;
        this.stamps = stamps;
        this.poll = poll;
        this.answered = answered;
    }

    /** Where the polls run, at most {@code limit} at once. */
    void runOn(ExecutorService pool, int limit) {
        this.pool = pool;
        this.limit = Math.max(1, limit);
    }

    /** The host is due: it is polled as soon as fewer than the limit run, unless it waits or runs already. */
    void request(String host) {
        synchronized (this) {
            if (!inFlight.containsKey(host)) {
                waiting.add(host);
            }
        }
        startWaiting();
    }

    private void startWaiting() {
        synchronized (this) {
            ExecutorService executor = pool;
            Iterator<String> next = waiting.iterator();
            while (executor != null && inFlight.size() < limit && next.hasNext()) {
                String host = next.next();
                next.remove();
                Flight flight = new Flight();
                inFlight.put(host, flight);
                try {
                    flight.future = executor.submit(() -> run(host, flight));
                } catch (RejectedExecutionException e) { // shut down
                    inFlight.remove(host, flight);
                    waiting.clear();
                    return;
                }
            }
        }
    }

    private void run(String host, Flight flight) {
        flight.stamp = stamps.getAsLong();
        flight.begun = time.nanoTime();
        Answer answer = poll.apply(host, flight.stamp);
        if (inFlight.remove(host, flight)) {
            answered.accept(answer);
        }
        startWaiting();
    }

    /** Gives up the polls that began more than {@code timeout} ago: each a failed answer. */
    List<Answer> overdue(Duration timeout) {
        List<Answer> late = new ArrayList<>();
        long now = time.nanoTime();
        inFlight.forEach((host, flight) -> {
            Long begun = flight.begun;
            if (begun != null && now - begun > timeout.toNanos() && inFlight.remove(host, flight)) {
                Future<?> future = flight.future;
                if (future != null) {
                    future.cancel(true);
                }
                late.add(Answer.failed(host, flight.stamp, "no answer within " + timeout.toMillis() + " ms"));
            }
        });
        if (!late.isEmpty()) {
            startWaiting();
        }
        return late;
    }

    int inFlight() {
        return inFlight.size();
    }

    synchronized int waiting() {
        return waiting.size();
    }
}
