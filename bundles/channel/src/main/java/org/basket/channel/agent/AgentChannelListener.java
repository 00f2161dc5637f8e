package org.basket.channel.agent;

import org.osgi.annotation.versioning.ConsumerType;

/** What the agent's channel tells its owner; called on the channel's thread, keep it short. */
@ConsumerType
public interface AgentChannelListener {

    /** A session is open: a good moment to send the current state of every service. */
    default void connected() {
    }

    default void disconnected(String reason) {
    }

    /** An attempt to open a session failed before the manager answered (unreachable, TLS handshake refused, ...). */
    default void connectionFailed(String reason) {
    }

    /** The manager refused the session (revoked certificate, malformed frame, ...); reconnecting waits the longest back-off. */
    default void refused(String reason) {
    }
}
