package org.basket.agent.runtime;

import org.basket.channel.agent.AgentChannel;
import org.basket.channel.protocol.MonitorResult;
import org.basket.channel.protocol.StateChange;

/** Sends reports over the channel once there is one; before enrolment and between sessions they are dropped. */
final class ChannelReports implements Reports {
    private volatile AgentChannel channel;

    void use(AgentChannel channel) {
        this.channel = channel;
    }

    @Override
    public void result(MonitorResult result) {
        AgentChannel current = channel;
        if (current != null) {
            current.report(result);
        }
    }

    @Override
    public void change(StateChange change) {
        AgentChannel current = channel;
        if (current != null) {
            current.report(change);
        }
    }
}
