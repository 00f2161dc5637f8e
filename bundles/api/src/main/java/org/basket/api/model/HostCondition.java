package org.basket.api.model;

import java.util.Objects;

/**
 * A standing condition of a host that its driver reports and Basket shows, such as a host in the
 * virtualization manager's maintenance mode or one whose VMs another manager also restarts or moves.
 *
 * @param kind    a short stable word for what it is ({@code maintenance}, {@code managed-elsewhere}), for
 *                filters and northbound layers
 * @param message what it is and what it means for Basket, for operators
 */
public record HostCondition(String kind, String message) {
    /** Long enough for a sentence naming a cluster and what it does. */
    public static final int MAX_MESSAGE_LENGTH = 500;

    public HostCondition {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
        if (!kind.matches("[a-z][a-z0-9-]{0,39}")) {
            throw new IllegalArgumentException("condition kind must be a lower-case word of at most 40 characters: '"
                    + kind + "'");
        }
        message = message.length() > MAX_MESSAGE_LENGTH ? message.substring(0, MAX_MESSAGE_LENGTH - 3) + "..." : message;
    }

    @Override
    public String toString() {
        return kind + ": " + message;
    }
}
