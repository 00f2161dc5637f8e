package org.basket.channel.agent;

import java.time.Duration;
import java.util.Objects;

/**
 * What an agent is given to enrol: the manager's address, its own name, the one-time token and the
 * CA certificate (PEM) to pin. {@link #toString()} leaves the token out.
 */
public record Enrolment(String managerHost, int managerPort, String agentName, String token, String caCertificatePem,
        Duration timeout) {
    public Enrolment {
        Objects.requireNonNull(managerHost, "managerHost");
        Objects.requireNonNull(agentName, "agentName");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(caCertificatePem, "caCertificatePem");
        Objects.requireNonNull(timeout, "timeout");
    }

    /** The token's id (before the dot), the only part of it that may be logged. */
    public String tokenId() {
        int dot = token.indexOf('.');
        return dot > 0 && dot <= 16 ? token.substring(0, dot) : "(malformed)";
    }

    @Override
    public String toString() {
        return "Enrolment[" + agentName + " at " + managerHost + ":" + managerPort + ", token " + tokenId() + "]";
    }
}
