package org.basket.core;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;

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

    private final EngineTime time;
    private final ExecutorService pool;

    AgentCalls(EngineTime time) {
        this.time = time;
        this.pool = time.pool("basket-agent-call", EngineTime.UNBOUNDED);
    }

    Future<Void> submit(Call call) {
        return pool.submit(() -> {
            call.run();
            return null;
        });
    }

    /**
     * Waits for the call until {@code deadline} ({@link EngineTime#nanoTime()}), the end of {@code timeout};
     * past it the call is interrupted and this throws an {@link AgentException} saying what was not
     * answered in time.
     */
    void await(Future<?> call, long deadline, Duration timeout, String what) throws AgentException,
            InterruptedException {
        try {
            time.get(call, deadline);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new AgentTimeoutException(what + ": no answer within " + timeout.toMillis() + " ms");
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
