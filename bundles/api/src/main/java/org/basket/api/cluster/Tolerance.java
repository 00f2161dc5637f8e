package org.basket.api.cluster;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.basket.api.model.Capacity;

/**
 * How many simultaneous host failures the cluster absorbs with every resource of at least a priority still placed,
 * and the "basket report": which host carries the most critical load.
 *
 * <p>Combinations of failed hosts are planned by the scheduler, fewest failures first and, for each number, the
 * heaviest combinations (by critical load) first; the search stops at a limit of plans, and says so.
 *
 * @param minPriority the resources that must stay placed: enabled, not in maintenance, of at least this priority
 * @param required    those resources, by name
 * @param hosts       the hosts that could fail (configured, not already offline or unclean), by name
 * @param absorbed    the largest number of simultaneous failures that every combination tried survives; -1 when even
 *                    now, with no failure, a required resource cannot be placed
 * @param breaking    the first combination of {@code absorbed + 1} failed hosts found that leaves a required resource
 *                    unplaced; empty when none was found
 * @param lost        the required resources that {@code breaking} leaves without a host (with {@code absorbed == -1}:
 *                    those that cannot be placed now)
 * @param bounded     whether the search stopped at its limit before it tried every combination of
 *                    {@code absorbed + 1} failures: more may be absorbed, or a lighter combination may break it
 * @param plans       how many combinations of failures were planned
 * @param loads       every configured host's critical load, heaviest first
 */
public record Tolerance(int minPriority, List<String> required, List<String> hosts, int absorbed, List<String> breaking,
                        List<String> lost, boolean bounded, int plans, List<HostLoad> loads) {

    /**
     * The critical load a host carries: the sum, over the resources of at least the priority that run on it, of
     * {@code (priority + 1) x} the resource's dominant share of the cluster (its CPUs or its memory as a percentage
     * of all configured hosts' CPUs or memory, whichever is larger). A negative priority counts as 0.
     *
     * @param host      the host
     * @param load      the critical load
     * @param resources the resources counted, by name
     * @param demand    what they need together
     */
    public record HostLoad(String host, double load, List<String> resources, Capacity demand) {
        public HostLoad {
            Objects.requireNonNull(host, "host");
            resources = List.copyOf(resources);
            Objects.requireNonNull(demand, "demand");
        }
    }

    public Tolerance {
        required = List.copyOf(required);
        hosts = List.copyOf(hosts);
        breaking = List.copyOf(breaking);
        lost = List.copyOf(lost);
        loads = List.copyOf(loads);
    }

    /** The host that carries the most critical load, if any carries some. */
    public Optional<HostLoad> heaviest() {
        return loads.stream().filter(l -> l.load() > 0).findFirst();
    }
}
