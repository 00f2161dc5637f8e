package org.basket.channel;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.basket.channel.agent.AgentChannelListener;

/** Everything an agent's channel reported, for assertions. */
final class RecordingAgentListener implements AgentChannelListener {
    final AtomicInteger connections = new AtomicInteger();
    final List<String> disconnected = new CopyOnWriteArrayList<>();
    final List<String> failures = new CopyOnWriteArrayList<>();
    final List<String> refusals = new CopyOnWriteArrayList<>();

    @Override
    public void connected() {
        connections.incrementAndGet();
    }

    @Override
    public void disconnected(String reason) {
        disconnected.add(reason);
    }

    @Override
    public void connectionFailed(String reason) {
        failures.add(reason);
    }

    @Override
    public void refused(String reason) {
        refusals.add(reason);
    }
}
