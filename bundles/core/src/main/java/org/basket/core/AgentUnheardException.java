package org.basket.core;

import org.basket.api.monitor.AgentException;

/** A guest service cannot be acted on yet: its VM's agent has not answered since the last observation. Not a failure. */
final class AgentUnheardException extends AgentException {
    private static final long serialVersionUID = 1L;

    AgentUnheardException(String vm) {
        super("waiting for the in-guest agent of " + vm + " to answer");
    }
}
