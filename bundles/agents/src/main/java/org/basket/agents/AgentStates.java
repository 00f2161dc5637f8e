package org.basket.agents;

import java.util.List;

import org.basket.api.monitor.AgentStatus;

/** The states ha:agents shows; the detail of an agent that is not connected starts with its state. */
public final class AgentStates {
    public static final String CONNECTED = "connected";
    public static final String ENROLLED = "enrolled";
    public static final String TOKEN_ISSUED = "token issued";
    public static final String TOKEN_EXPIRED = "token expired";
    public static final String REVOKED = "revoked";
    public static final String CERTIFICATE_EXPIRED = "certificate expired";

    private AgentStates() {
    }

    public static String of(AgentStatus status) {
        if (status.connected()) {
            return CONNECTED;
        }
        for (String state : List.of(ENROLLED, TOKEN_ISSUED, TOKEN_EXPIRED, REVOKED, CERTIFICATE_EXPIRED)) {
            if (status.detail().startsWith(state)) {
                return state;
            }
        }
        return status.enrolled() ? ENROLLED : "unknown";
    }
}
