package org.basket.api.monitor;

/** An agent could not be reached or could not do what it was asked; the message names the VM and the service. */
public class AgentException extends Exception {
    private static final long serialVersionUID = 1L;

    public AgentException(String message) {
        super(message);
    }

    public AgentException(String message, Throwable cause) {
        super(message, cause);
    }
}
