package org.basket.channel.manager;

/** A command for an agent that has no session, or whose session closed before it answered. */
public class AgentNotConnectedException extends Exception {
    private static final long serialVersionUID = 1L;

    public AgentNotConnectedException(String message) {
        super(message);
    }
}
