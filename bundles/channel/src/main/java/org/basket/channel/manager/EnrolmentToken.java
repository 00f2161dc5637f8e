package org.basket.channel.manager;

import java.time.Instant;
import java.util.Objects;

/**
 * A one-time token, as issued: hand {@link #value()} to the agent (with the CA certificate) over a
 * trusted path. Only its id may be logged; {@link #toString()} leaves the secret out.
 */
public final class EnrolmentToken {
    private final String id;
    private final String agentName;
    private final Instant expiresAt;
    private final String secret;

    EnrolmentToken(String id, String agentName, Instant expiresAt, String secret) {
        this.id = Objects.requireNonNull(id);
        this.agentName = Objects.requireNonNull(agentName);
        this.expiresAt = Objects.requireNonNull(expiresAt);
        this.secret = Objects.requireNonNull(secret);
    }

    public String id() {
        return id;
    }

    public String agentName() {
        return agentName;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    /** The whole token, {@code id.secret}: a secret. */
    public String value() {
        return id + "." + secret;
    }

    @Override
    public String toString() {
        return "EnrolmentToken[" + id + " for " + agentName + ", expires " + expiresAt + "]";
    }
}
