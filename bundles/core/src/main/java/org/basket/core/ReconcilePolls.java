package org.basket.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.basket.api.model.Capacity;
import org.basket.api.model.HostCondition;

/**
 * The periodic reconcile polls of hosts whose driver reports changes, run on the poll threads outside the loop's turn,
 * at most {@link #limit} at once (the rest of the poll threads stay free for the polls a turn waits for). An answer
 * never enters the observation: the observer only compares it with what it believes, and a difference is news about
 * the host, like a driver event, so that the host is polled within a later turn.
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
        final long stamp;
        volatile Long begun;
        volatile Future<?> future;

        Flight(long stamp) {
            this.stamp = stamp;
        }
    }

    private final EngineTime time;
    private final Map<String, Flight> inFlight = new ConcurrentHashMap<>();
    private volatile int limit = 1;

    ReconcilePolls(EngineTime time) {
        this.time = time;
    }

    /** At most this many reconcile polls in flight. */
    void limit(int value) {
        limit = Math.max(1, value);
    }

    /**
     * Starts {@code poll} of the host on {@code pool} unless one is in flight for it or the limit is reached; its answer
     * goes to {@code answered} on the poll thread, unless {@link #overdue} gave it up first.
     *
     * @return whether it started
     */
    boolean start(String host, long stamp, ExecutorService pool, Supplier<Answer> poll, Consumer<Answer> answered) {
        if (pool == null || inFlight.size() >= limit || inFlight.containsKey(host)) {
            return false;
        }
        Flight flight = new Flight(stamp);
        inFlight.put(host, flight);
        try {
            flight.future = pool.submit(() -> {
                flight.begun = time.nanoTime();
                Answer answer = poll.get();
                if (inFlight.remove(host, flight)) {
                    answered.accept(answer);
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            inFlight.remove(host, flight);
            return false;
        }
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
        return late;
    }

    int inFlight() {
        return inFlight.size();
    }
}
