package org.basket.api.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a drill does, before it does it.
 *
 * @param group    the group
 * @param from     the site that holds its grant now
 * @param to       the site it moves to
 * @param steps    the steps in order, as the operator reads them
 * @param expected the outage each member can expect, in start order
 * @param basis    what {@code expected} rests on (the last drill's measurement, or the operations' timeouts)
 */
public record DrillPlan(String group, String from, String to, List<String> steps, List<Outage> expected,
                        String basis) {
    public DrillPlan {
        Objects.requireNonNull(group, "group");
        steps = List.copyOf(steps);
        expected = List.copyOf(expected);
    }

    /** A member's outage: from the drill's first stop until it ran (a guest service: healthy) again on {@code host}. */
    public record Outage(String resource, String host, Duration outage) {
        public Outage {
            Objects.requireNonNull(resource, "resource");
            host = host == null ? "" : host;
        }
    }
}
