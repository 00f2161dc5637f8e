package org.basket.api.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a drill did and measured.
 *
 * @param completed whether every member runs (guest services: healthy) on {@code to}
 * @param failure   why not, when not completed; else empty
 * @param started   when the group stood down (its first stop was issued right after)
 * @param stopped   how long the group took to stop on {@code from}
 * @param outages   each member's outage, in start order; a member that did not come back is missing
 */
public record DrillReport(String group, String from, String to, boolean completed, String failure, Instant started,
                          Duration stopped, List<DrillPlan.Outage> outages) {
    public DrillReport {
        Objects.requireNonNull(group, "group");
        failure = failure == null ? "" : failure;
        outages = List.copyOf(outages);
    }

    /** The longest outage of a member: the group's outage. */
    public Duration longest() {
        return outages.stream().map(DrillPlan.Outage::outage).max(Duration::compareTo).orElse(Duration.ZERO);
    }
}
