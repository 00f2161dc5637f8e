package org.basket.scheduler;

import java.util.Locale;

/** Which of the hosts that score the same for a resource takes it. */
public enum PlacementStrategy {
    /** The host with the fewest resources, then the first by name: spreads the load. */
    BALANCED,
    /** The host with the most resources that still has room, then the first by name: packs onto few hosts. */
    MINIMAL,
    /** The first host by name that has room. */
    FIRST_FIT;

    /** The name in configuration files: {@code balanced}, {@code minimal}, {@code first-fit}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Parses {@link #word()}. */
    public static PlacementStrategy parse(String word) {
        for (PlacementStrategy strategy : values()) {
            if (strategy.word().equals(word.trim().toLowerCase(Locale.ROOT))) {
                return strategy;
            }
        }
        throw new IllegalArgumentException("not a placement strategy: '" + word + "' (balanced, minimal, first-fit)");
    }
}
