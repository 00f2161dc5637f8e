package org.basket.api.plan;

import java.util.Objects;

/** {@code then} may start only after {@code first} has completed successfully. */
public record Ordering(Action first, Action then) {
    public Ordering {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(then, "then");
    }

    @Override
    public String toString() {
        return first + " -> " + then;
    }
}
