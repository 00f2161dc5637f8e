package org.basket.core;

import org.basket.api.monitor.AgentException;

/** An in-guest agent did not answer a call within its time: the action timed out. */
final class AgentTimeoutException extends AgentException {
    private static final long serialVersionUID = 1L;

    AgentTimeoutException(String message) {
        super(message);
    }
}
