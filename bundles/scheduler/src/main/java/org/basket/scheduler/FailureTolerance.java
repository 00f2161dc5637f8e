package org.basket.scheduler;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

import org.basket.api.cluster.Tolerance;
import org.basket.api.model.Capacity;
import org.basket.api.model.ClusterConfig;
import org.basket.api.model.ClusterState;
import org.basket.api.model.HostState;
import org.basket.api.model.HostStatus;
import org.basket.api.model.Resource;
import org.basket.api.model.ResourceStatus;

/**
 * How many simultaneous host failures the cluster absorbs with every resource of at least a priority still placed.
 * Plans one failure, then two, ...: for each number, the combinations of hosts are tried heaviest first (by the
 * critical load they carry), and the first one that leaves a required resource without a host ends the search. At
 * most {@code maxPlans} combinations are planned; a search cut short says so.
 */
public final class FailureTolerance {
    /** Enough for every combination of up to 2 failures among 30 hosts, or 3 among 14. */
    public static final int DEFAULT_MAX_PLANS = 500;

    private final Scheduler scheduler;
    private final int maxPlans;

    public FailureTolerance() {
        this(new Scheduler(), DEFAULT_MAX_PLANS);
    }

    public FailureTolerance(Scheduler scheduler, int maxPlans) {
        if (maxPlans < 1) {
            throw new IllegalArgumentException("maxPlans must be at least 1: " + maxPlans);
        }
        this.scheduler = scheduler;
        this.maxPlans = maxPlans;
    }

    public Tolerance analyse(ClusterConfig config, ClusterState state, int minPriority) {
        return analyse(new PlanInput(config, state, null, scheduler.options()), minPriority);
    }

    /** The tolerance of the plan made from {@code input}. */
    public Tolerance analyse(PlanInput input, int minPriority) {
        ClusterConfig config = input.config();
        ClusterState state = input.state();
        List<String> required = config.resources().values().stream()
                .filter(r -> r.enabled() && r.priority() >= minPriority && !state.resource(r.name()).maintenance())
                .map(Resource::name).toList();
        List<Tolerance.HostLoad> loads = loads(config, state, minPriority);
        List<String> candidates = loads.stream().map(Tolerance.HostLoad::host)
                .filter(h -> state.hosts().containsKey(h) && !isDown(state.hostState(h))).toList();
        List<String> hosts = candidates.stream().sorted().toList();
        if (required.isEmpty()) {
            return new Tolerance(minPriority, required, hosts, hosts.size(), List.of(), List.of(), false, 0, loads);
        }
        List<String> lostNow = lost(required, input.plan(scheduler), Set.of());
        if (!lostNow.isEmpty()) {
            return new Tolerance(minPriority, required, hosts, -1, List.of(), lostNow, false, 0, loads);
        }
        Map<String, Double> load = new LinkedHashMap<>();
        loads.forEach(l -> load.put(l.host(), l.load()));
        int plans = 0;
        for (int k = 1; k <= candidates.size(); k++) {
            Combinations heaviestFirst = new Combinations(candidates, load, k);
            while (heaviestFirst.hasNext()) {
                if (plans == maxPlans) {
                    return new Tolerance(minPriority, required, hosts, k - 1, List.of(), List.of(), true, plans, loads);
                }
                List<String> failed = heaviestFirst.next();
                plans++;
                List<String> lost = lost(required, input.withState(WhatIf.hostsFailed(state, failed)).plan(scheduler),
                        Set.copyOf(failed));
                if (!lost.isEmpty()) {
                    return new Tolerance(minPriority, required, hosts, k - 1, failed.stream().sorted().toList(), lost,
                            false, plans, loads);
                }
            }
        }
        return new Tolerance(minPriority, required, hosts, candidates.size(), List.of(), List.of(), false, plans, loads);
    }

    private static boolean isDown(HostState state) {
        return state == HostState.OFFLINE || state == HostState.UNCLEAN;
    }

    /** The required resources the plan places nowhere, or only on a failed host (left there in maintenance). */
    private static List<String> lost(List<String> required, Plan plan, Set<String> failed) {
        return required.stream().filter(r -> plan.hostOf(r).map(failed::contains).orElse(true)).toList();
    }

    /** Every configured host's critical load, heaviest first, then by name. */
    static List<Tolerance.HostLoad> loads(ClusterConfig config, ClusterState state, int minPriority) {
        long cpus = 0;
        long memory = 0;
        for (String host : config.hosts().keySet()) {
            HostStatus status = state.hosts().get(host);
            if (status != null) {
                cpus += status.capacity().cpus();
                memory += status.capacity().memoryMb();
            }
        }
        List<Tolerance.HostLoad> loads = new ArrayList<>();
        for (String host : config.hosts().keySet()) {
            double load = 0;
            Capacity demand = Capacity.NONE;
            List<String> resources = new ArrayList<>();
            for (Resource resource : config.resources().values()) {
                ResourceStatus status = state.resource(resource.name());
                if (resource.priority() < minPriority || !status.activeOn().contains(host)) {
                    continue;
                }
                resources.add(resource.name());
                demand = demand.plus(resource.demand());
                double share = Math.max(share(resource.demand().cpus(), cpus),
                        share(resource.demand().memoryMb(), memory));
                load += (Math.max(0, resource.priority()) + 1) * share;
            }
            loads.add(new Tolerance.HostLoad(host, load, resources, demand));
        }
        loads.sort(Comparator.comparingDouble(Tolerance.HostLoad::load).reversed()
                .thenComparing(Tolerance.HostLoad::host));
        return loads;
    }

    private static double share(long part, long whole) {
        return whole == 0 ? 0 : 100.0 * part / whole;
    }

    /**
     * The combinations of {@code k} hosts in order of decreasing total load, ties by the hosts' names: a best-first
     * walk over index tuples of the hosts sorted heaviest first, so that only what is tried is generated.
     */
    static final class Combinations {
        private final List<String> hosts;
        private final double[] load;
        private final int k;
        private final PriorityQueue<int[]> queue;
        private final Set<List<Integer>> seen = new HashSet<>();

        /** @param hosts sorted heaviest first, then by name */
        Combinations(List<String> hosts, Map<String, Double> load, int k) {
            this.hosts = hosts;
            this.k = k;
            this.load = hosts.stream().mapToDouble(load::get).toArray();
            this.queue = new PriorityQueue<>(Comparator.comparingDouble((int[] t) -> -sum(t))
                    .thenComparing(Arrays::compare));
            if (k <= hosts.size()) {
                int[] first = new int[k];
                Arrays.setAll(first, i -> i);
                offer(first);
            }
        }

        boolean hasNext() {
            return !queue.isEmpty();
        }

        List<String> next() {
            int[] tuple = queue.poll();
            for (int i = 0; i < k; i++) {
                int limit = i + 1 < k ? tuple[i + 1] : hosts.size();
                if (tuple[i] + 1 < limit) {
                    int[] successor = tuple.clone();
                    successor[i]++;
                    offer(successor);
                }
            }
            return Arrays.stream(tuple).mapToObj(hosts::get).toList();
        }

        private void offer(int[] tuple) {
            if (seen.add(Arrays.stream(tuple).boxed().toList())) {
                queue.add(tuple);
            }
        }

        private double sum(int[] tuple) {
            double total = 0;
            for (int i : tuple) {
                total += load[i];
            }
            return total;
        }
    }
}
