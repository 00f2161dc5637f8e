package org.basket.channel;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.basket.channel.manager.ChannelListener;
import org.basket.channel.manager.SessionInfo;
import org.basket.channel.protocol.Heartbeat;
import org.basket.channel.protocol.MonitorResult;
import org.basket.channel.protocol.StateChange;

/** Everything the manager heard, for assertions; strings are {@code agent: detail}. */
final class RecordingChannelListener implements ChannelListener {
    final List<SessionInfo> connected = new CopyOnWriteArrayList<>();
    final List<String> disconnected = new CopyOnWriteArrayList<>();
    final List<String> heartbeatsOf = new CopyOnWriteArrayList<>();
    final List<Heartbeat> heartbeats = new CopyOnWriteArrayList<>();
    final List<MonitorResult> results = new CopyOnWriteArrayList<>();
    final List<StateChange> changes = new CopyOnWriteArrayList<>();
    final List<String> enrolled = new CopyOnWriteArrayList<>();
    final List<String> refused = new CopyOnWriteArrayList<>();

    @Override
    public void agentConnected(SessionInfo session) {
        connected.add(session);
    }

    @Override
    public void agentDisconnected(String agentName, String reason) {
        disconnected.add(agentName + ": " + reason);
    }

    @Override
    public void heartbeat(String agentName, Heartbeat heartbeat) {
        heartbeatsOf.add(agentName);
        heartbeats.add(heartbeat);
    }

    @Override
    public void monitorResult(String agentName, MonitorResult result) {
        results.add(result);
    }

    @Override
    public void stateChanged(String agentName, StateChange change) {
        changes.add(change);
    }

    @Override
    public void enrolled(String agentName) {
        enrolled.add(agentName);
    }

    @Override
    public void refused(String remoteAddress, String reason) {
        refused.add(reason);
    }

    long connectionsOf(String agentName) {
        return connected.stream().filter(session -> session.agentName().equals(agentName)).count();
    }
}
