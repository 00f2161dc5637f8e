package org.basket.core;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.basket.api.monitor.AgentException;

/**
 * Calls to in-guest agents, each on a thread of its own and given up at its own deadline: a
 * {@link org.basket.api.monitor.GuestAgents} call blocks until the agent acknowledges, and an agent
 * that never does must hold no thread of the manager's but the call's.
 */
final class AgentCalls {
    /** One call to an agent. */
    interface Call {
        void run() throws AgentException;
    }

    private final AtomicInteger threads = new AtomicInteger();
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "basket-agent-call-" + threads.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });

    Future<Void> submit(Call call) {
        return pool.submit(() -> {
            call.run();
            return null;
        });
    }

    /**
     * Waits for the call until {@code deadline} ({@link System#nanoTime()}), the end of {@code timeout};
     * past it the call is interrupted and this throws an {@link AgentException} saying what was not
     * answered in time.
     */
    static void await(Future<?> call, long deadline, Duration timeout, String what) throws AgentException,
            InterruptedException {
        try {
            call.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new AgentException(what + ": no answer within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            call.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            throw rethrown(e.getCause());
        }
    }

    static AgentException rethrown(Throwable cause) {
        if (cause instanceof AgentException agent) {
            return agent;
        }
        return new AgentException(String.valueOf(cause), cause);
    }
}
