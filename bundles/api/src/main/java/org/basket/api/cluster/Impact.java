package org.basket.api.cluster;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import org.basket.api.plan.Transition;

/**
 * What rebooting a host (it goes to standby and is drained) or losing it (it fails unclean and is fenced) would
 * disrupt, as the scheduler plans it on that hypothetical state. Nothing is executed.
 *
 * @param host       the host
 * @param fail       {@code true} for a failure, {@code false} for a planned reboot
 * @param affected   every resource that runs on the host, by name; guest services are listed under their VM
 * @param knockOn    resources on other hosts that the plan also disturbs (colocation, ordering, room made), by name
 * @param transition the plan on the hypothetical state: actions, orderings and the scheduler's notes
 */
public record Impact(String host, boolean fail, List<ImpactEntry> affected, List<ImpactEntry> knockOn,
                     Transition transition) {
    public Impact {
        Objects.requireNonNull(host, "host");
        affected = List.copyOf(affected);
        knockOn = List.copyOf(knockOn);
        Objects.requireNonNull(transition, "transition");
    }

    /** The entry of a resource, affected or knocked on, if any. */
    public Optional<ImpactEntry> entry(String resource) {
        return Stream.concat(affected.stream(), knockOn.stream())
                .filter(e -> e.resource().equals(resource)).findFirst();
    }
}
