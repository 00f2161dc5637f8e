package org.basket.channel.manager;

import org.basket.channel.protocol.Heartbeat;
import org.basket.channel.protocol.MonitorResult;
import org.basket.channel.protocol.StateChange;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * What the manager hears from its agents. Called on the session's own thread, in the order the
 * agent sent; keep it short (hand work to another thread). An exception is logged and ignored.
 */
@ConsumerType
public interface ChannelListener {

    default void agentConnected(SessionInfo session) {
    }

    /** The session ended; {@code reason} says why (closed by the agent, idle, malformed frame, revoked, replaced, ...). */
    default void agentDisconnected(String agentName, String reason) {
    }

    default void heartbeat(String agentName, Heartbeat heartbeat) {
    }

    default void monitorResult(String agentName, MonitorResult result) {
    }

    default void stateChanged(String agentName, StateChange change) {
    }

    /** An agent received its certificate. */
    default void enrolled(String agentName) {
    }

    /** A connection was refused before it became a session: failed handshake, bad token, revoked certificate. */
    default void refused(String remoteAddress, String reason) {
    }
}
