package org.basket.core;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.basket.api.monitor.AgentException;
import org.basket.api.monitor.CheckResult;
import org.basket.api.monitor.GuestAgents;
import org.basket.api.monitor.ServiceDefinition;

/**
 * A gateway whose agents are connected but never acknowledge what they are asked: definitions (if
 * {@code definitionsAnswered} is false), starts and stops wait until {@link #release()}, as a call to an
 * agent that never sends its ACK does (it ends only when the caller gives up on it).
 */
final class UnansweredAgents implements GuestAgents {
    private final Set<String> vms;
    private final boolean definitionsAnswered;
    private final CountDownLatch released = new CountDownLatch(1);
    private final AtomicInteger waiting = new AtomicInteger();

    UnansweredAgents(Set<String> vms, boolean definitionsAnswered) {
        this.vms = vms;
        this.definitionsAnswered = definitionsAnswered;
    }

    @Override
    public boolean serves(String vm) {
        return vms.contains(vm);
    }

    @Override
    public Optional<Map<String, CheckResult>> services(String vm) {
        return vms.contains(vm) ? Optional.of(Map.of()) : Optional.empty();
    }

    @Override
    public void define(String vm, List<ServiceDefinition> services) throws AgentException {
        if (!definitionsAnswered) {
            unanswered("take definitions");
        }
    }

    @Override
    public void start(String vm, String service) throws AgentException {
        unanswered("start " + service);
    }

    @Override
    public void stop(String vm, String service) throws AgentException {
        unanswered("stop " + service);
    }

    @Override
    public void listen(Runnable changed) {
    }

    /** How many calls wait for an answer now. */
    int waiting() {
        return waiting.get();
    }

    void release() {
        released.countDown();
    }

    private void unanswered(String what) throws AgentException {
        waiting.incrementAndGet();
        try {
            released.await();
            throw new AgentException("released by the test: " + what);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AgentException("given up: " + what);
        } finally {
            waiting.decrementAndGet();
        }
    }
}
