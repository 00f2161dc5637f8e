package org.basket.scheduler;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.basket.api.model.Capacity;
import org.basket.api.model.ClusterConfig;
import org.basket.api.model.Constraint;
import org.basket.api.model.Resource;

/**
 * What the scheduler needs of a configuration, indexed once: the resources by name and by position, each
 * resource's location constraints, attribute rules and colocations (sets as pairs), the mandatory orders, and the orders and containers with the
 * positions of the resources they name. A configuration is immutable, so a {@link Scheduler} keeps the index of
 * the last configuration it planned and plans the next observed state of the same configuration without indexing
 * it again.
 */
final class ConfigIndex {
    final ClusterConfig config;
    /** The configured resources, by name; a resource's position here is its number everywhere else. */
    final Resource[] resources;
    /** For a guest service, the position of its VM; -1 for other resources or a VM not configured. */
    final int[] container;
    private final Map<String, Integer> positions;
    /** The configuration's resources by name, to copy (see {@link #resourcesByName}). */
    private final TreeMap<String, Object> byName;
    private final List<Constraint.Location>[] locations;
    private final List<Constraint.LocationRule>[] rules;
    /** Whether any resource has a location rule. */
    final boolean anyRules;
    /** Colocations by resource, sets among them as one colocation of every two members. */
    private final List<Constraint.Colocation>[] colocations;
    /**
     * For each resource, by position, the positions of the resources it has a colocation of negative score with
     * (resources to keep away from); null for most.
     */
    final int[][] avoided;
    /** The mandatory orders, in the configuration's order. */
    final List<Constraint.Order> mandatoryOrders = new ArrayList<>();
    /** Orders and containers, in the configuration's order, as the names and positions of their two resources. */
    final List<Sequence> sequencing = new ArrayList<>();
    /**
     * The sequences that start from each resource: for the resource at position p, the numbers in
     * {@link #sequencing} of those whose {@code first} it is are {@code sequencesByFirst[sequencesFrom[p]]} up to
     * {@code sequencesByFirst[sequencesFrom[p + 1] - 1]}.
     */
    private final int[] sequencesFrom;
    private final int[] sequencesByFirst;
    /** The smallest CPU and memory demands of the resources placed on hosts (not guest services). */
    final int smallestCpus;
    final long smallestMemory;
    /** Whether any resource placed on hosts needs some of its host's capacity. */
    final boolean anyDemand;

    @SuppressWarnings("unchecked")
    ConfigIndex(ClusterConfig config) {
        this.config = config;
        resources = config.resources().values().toArray(new Resource[0]);
        byName = new TreeMap<>(config.resources());
        positions = new HashMap<>(resources.length * 4 / 3 + 1);
        for (int i = 0; i < resources.length; i++) {
            positions.put(resources[i].name(), i);
        }
        container = new int[resources.length];
        int cpus = Integer.MAX_VALUE;
        long memory = Long.MAX_VALUE;
        boolean demand = false;
        for (int i = 0; i < resources.length; i++) {
            container[i] = resources[i].hasContainer() ? position(resources[i].container()) : -1;
            if (!resources[i].hasContainer()) {
                cpus = Math.min(cpus, resources[i].demand().cpus());
                memory = Math.min(memory, resources[i].demand().memoryMb());
                demand |= !resources[i].demand().equals(Capacity.NONE);
            }
        }
        smallestCpus = cpus;
        smallestMemory = memory;
        anyDemand = demand;
        locations = new List[resources.length];
        rules = new List[resources.length];
        avoided = new int[resources.length][];
        colocations = new List[resources.length];
        for (Constraint constraint : config.constraints()) {
            if (constraint instanceof Constraint.Location location) {
                add(locations, location.resource(), location);
            } else if (constraint instanceof Constraint.LocationRule rule) {
                add(rules, rule.resource(), rule);
            } else if (constraint instanceof Constraint.Colocation colocation) {
                addColocation(colocation);
            } else if (constraint instanceof Constraint.ColocationSet set) {
                set.pairs().forEach(this::addColocation);
            } else if (constraint instanceof Constraint.Order order) {
                if (order.mandatory()) {
                    mandatoryOrders.add(order);
                }
                sequencing.add(new Sequence(order.first(), position(order.first()), order.then(),
                        position(order.then()), false, order.mandatory()));
            } else if (constraint instanceof Constraint.Container inside) {
                sequencing.add(new Sequence(inside.vm(), position(inside.vm()), inside.service(),
                        position(inside.service()), true, true));
            }
        }
        anyRules = !config.constraints(Constraint.LocationRule.class).isEmpty();
        sequencesFrom = new int[resources.length + 1];
        for (Sequence sequence : sequencing) {
            if (sequence.firstPosition() >= 0) {
                sequencesFrom[sequence.firstPosition() + 1]++;
            }
        }
        for (int i = 0; i < resources.length; i++) {
            sequencesFrom[i + 1] += sequencesFrom[i];
        }
        sequencesByFirst = new int[sequencesFrom[resources.length]];
        int[] filled = new int[resources.length];
        for (int k = 0; k < sequencing.size(); k++) {
            int first = sequencing.get(k).firstPosition();
            if (first >= 0) {
                sequencesByFirst[sequencesFrom[first] + filled[first]++] = k;
            }
        }
    }

    /** How many sequences start from the resource at the position; see {@link #sequenceFrom}. */
    int sequenceCountFrom(int position) {
        return sequencesFrom[position + 1] - sequencesFrom[position];
    }

    /** The i-th sequence, in the configuration's order, whose {@code first} is the resource at the position. */
    Sequence sequenceFrom(int position, int i) {
        return sequencing.get(sequencesByFirst[sequencesFrom[position] + i]);
    }

    /**
     * An order or a container: {@code first} starts before {@code then}, which stops before it; positions are -1 for
     * a resource that is not configured.
     *
     * @param container whether {@code then} is a guest service in the VM {@code first}
     * @param mandatory whether {@code then} needs {@code first}: a mandatory order or a container
     */
    record Sequence(String first, int firstPosition, String then, int thenPosition, boolean container,
                    boolean mandatory) {
    }

    private void addColocation(Constraint.Colocation colocation) {
        add(colocations, colocation.resource(), colocation);
        if (!colocation.with().equals(colocation.resource())) {
            add(colocations, colocation.with(), colocation);
        }
        int a = position(colocation.resource());
        int b = position(colocation.with());
        if (colocation.score() < 0 && a >= 0 && b >= 0 && a != b) {
            avoid(a, b);
            avoid(b, a);
        }
    }

    private void avoid(int position, int other) {
        int[] of = avoided[position];
        if (of == null) {
            avoided[position] = new int[] {other};
        } else {
            of = Arrays.copyOf(of, of.length + 1);
            of[of.length - 1] = other;
            avoided[position] = of;
        }
    }

    /**
     * A new map of every configured resource, by name, to be changed by the caller: a copy of a sorted map, made in
     * linear time.
     */
    TreeMap<String, Object> resourcesByName() {
        return new TreeMap<>(byName);
    }

    /** The resource's position, or -1 if it is not configured. */
    int position(String resource) {
        Integer position = positions.get(resource);
        return position == null ? -1 : position;
    }

    List<Constraint.Location> locations(int position) {
        List<Constraint.Location> of = position < 0 ? null : locations[position];
        return of == null ? List.of() : of;
    }

    List<Constraint.LocationRule> rules(int position) {
        List<Constraint.LocationRule> of = position < 0 ? null : rules[position];
        return of == null ? List.of() : of;
    }

    List<Constraint.Colocation> colocations(int position) {
        List<Constraint.Colocation> of = position < 0 ? null : colocations[position];
        return of == null ? List.of() : of;
    }

    private <T extends Constraint> void add(List<T>[] byResource, String resource, T constraint) {
        int position = position(resource);
        if (position < 0) {
            return; // names a resource that is not configured: it never takes a turn
        }
        if (byResource[position] == null) {
            byResource[position] = new ArrayList<>(1);
        }
        byResource[position].add(constraint);
    }
}
