package org.basket.core;

import org.basket.api.monitor.AgentException;

/**
 * A guest service cannot be acted on yet, and that is no failure of it: its VM's agent has not
 * answered since the last observation, or cannot tell the service's state (UNKNOWN: a definition
 * it rejected, a monitor type it lacks).
 */
final class NotReadyException extends AgentException {
    private static final long serialVersionUID = 1L;

    NotReadyException(String message) {
        super(message);
    }
}
