package org.basket.scheduler;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.basket.api.model.ClusterConfig;
import org.basket.api.model.ClusterState;
import org.basket.api.model.Constraint;
import org.basket.api.model.Host;
import org.basket.api.model.HostState;
import org.basket.api.model.HostStatus;
import org.basket.api.model.Resource;
import org.basket.api.model.ResourceStatus;
import org.basket.api.plan.Action;
import org.basket.api.plan.Ordering;
import org.basket.api.plan.Transition;

/**
 * Turns a placement into actions and orderings. Rules: unclean hosts are fenced before anything
 * that ran on them is recovered; a planned move of a migratable VM between hosts of one driver is a
 * live migration; a stop on a host, or a migration away from it, comes before starts onto it; orders and
 * containers order starts forwards and stops backwards.
 *
 * <p>Actions are numbered as they are planned; a resource's actions are planned together, so they form one
 * range of numbers. Orderings are pairs of numbers, found through indexes (actions by host, by resource), never
 * by comparing every action with every other, and come out in the order a comparison of every pair would give.
 */
final class ActionPlanner {
    private final ClusterConfig config;
    private final ClusterState state;
    private final ConfigIndex index;
    private final ResourceTable table;
    /** Where each resource, by position in the index, should run; null where it should not. */
    private final String[] placement;
    private final List<String> notes;
    /** The actions in the order they were planned, and each action's number: its place there. */
    private final List<Action> planned = new ArrayList<>();
    private final Map<Action, Integer> numbers = new HashMap<>();
    /** The actions of each configured resource, by position: numbers from[i] (inclusive) to to[i] (exclusive). */
    private final int[] from;
    private final int[] to;
    /** Actions planned for a resource after its range (restarts after a resource it needs restarts), by position. */
    private final Map<Integer, List<Integer>> lateActions = new HashMap<>();
    /** The actions (stops) of resources that are not configured, by name. */
    private final Map<String, List<Integer>> unconfiguredActions = new HashMap<>();
    /** Ordering k: planned.get(firsts[k]) before planned.get(thens[k]); each pair once, in the order found. */
    private int[] firsts = new int[64];
    private int[] thens = new int[64];
    private int orderings;
    private final Set<Long> ordered = new HashSet<>();
    private final Map<String, HostState> hostStates = new HashMap<>();
    /** Hosts that may run anything (see {@link #unprobedHosts}), found once. */
    private List<String> unprobed;

    ActionPlanner(ClusterConfig config, ClusterState state, Map<String, String> placement, List<String> notes) {
        this(new ConfigIndex(config), state, placement, notes);
    }

    private ActionPlanner(ConfigIndex index, ClusterState state, Map<String, String> placement, List<String> notes) {
        this(index, ResourceTable.of(index, state), state, hosts(index, placement), notes);
    }

    /**
     * @param table     the configuration's resources with their observed state
     * @param placement where each resource, by position in the index, should run; null where it should not
     */
    ActionPlanner(ConfigIndex index, ResourceTable table, ClusterState state, String[] placement, List<String> notes) {
        this.config = index.config;
        this.state = state;
        this.index = index;
        this.table = table;
        this.placement = placement;
        this.notes = notes;
        from = new int[table.resources.length];
        to = new int[table.resources.length];
        for (HostStatus host : state.hosts().values()) {
            hostStates.put(host.name(), host.state());
        }
    }

    Transition plan() {
        for (HostStatus host : state.hosts().values()) {
            if (host.state() == HostState.UNCLEAN) {
                add(new Action.Fence(host.name()));
                notes.add(host.name() + ": unclean, fence before recovering its resources");
            }
        }
        for (ResourceStatus status : table.unconfigured) {
            for (String host : status.activeOn()) {
                if (isActionable(host) && add(new Action.Stop(status.name(), host))) {
                    unconfiguredActions.computeIfAbsent(status.name(), k -> new ArrayList<>(1)).add(planned.size() - 1);
                    notes.add(status.name() + ": no longer configured, stop on " + host);
                }
            }
        }
        planResources(false);
        planResources(true);
        restartDependents();
        orderStopsBeforeStartsOnHost();
        orderConstraints();
        List<Ordering> pairs = new ArrayList<>(orderings);
        for (int k = 0; k < orderings; k++) {
            pairs.add(new Ordering(planned.get(firsts[k]), planned.get(thens[k])));
        }
        return new Transition(TopologicalOrder.sort(planned, firsts, thens, orderings), pairs, notes);
    }

    /** Plans the action unless it is planned already; whether it is new. */
    private boolean add(Action action) {
        if (numbers.putIfAbsent(action, planned.size()) == null) {
            planned.add(action);
            return true;
        }
        return false;
    }

    /** The number of a planned action. */
    private int number(Action action) {
        Integer number = numbers.get(action);
        if (number == null) {
            throw new IllegalStateException("an ordering names an action that is not planned: " + action);
        }
        return number;
    }

    /** Orders two planned actions, by number, unless they are ordered already. */
    private void order(int first, int then) {
        if (!ordered.add(((long) first << 32) | then)) {
            return;
        }
        if (orderings == firsts.length) {
            firsts = Arrays.copyOf(firsts, orderings * 2);
            thens = Arrays.copyOf(thens, orderings * 2);
        }
        firsts[orderings] = first;
        thens[orderings++] = then;
    }

    private HostState hostState(String host) {
        return hostStates.getOrDefault(host, HostState.OFFLINE);
    }

    private boolean isActionable(String host) {
        return hostState(host).isActionable();
    }

    private static String[] hosts(ConfigIndex index, Map<String, String> placement) {
        String[] hosts = new String[index.resources.length];
        for (int i = 0; i < hosts.length; i++) {
            hosts[i] = placement.get(index.resources[i].name());
        }
        return hosts;
    }

    /** Plans the guest services, or the other resources, by name. */
    private void planResources(boolean guestServices) {
        for (int i = 0; i < table.resources.length; i++) {
            if (table.resources[i].hasContainer() == guestServices) {
                from[i] = planned.size();
                planResource(table.resources[i], table.statuses[i], placement[i]);
                to[i] = planned.size();
            }
        }
    }

    private void planResource(Resource resource, ResourceStatus status, String target) {
        if (status.maintenance()) {
            return;
        }
        if (target != null && !isActionable(target)) {
            return; // pinned on a maintenance or unmanaged host
        }
        String failed = failedHost(status);
        if (target != null && status.activeOn().size() == 1 && status.activeOn().get(0).equals(target)
                && failed == null) {
            return; // runs where it should, and only there
        }
        List<String> running = new ArrayList<>();
        List<String> unclean = new ArrayList<>();
        for (String host : status.activeOn()) {
            HostState hostState = hostState(host);
            if (hostState.isHandsOff()) {
                return; // also active where Basket must not act: leave it alone
            }
            if (hostState == HostState.UNCLEAN) {
                unclean.add(host);
            } else if (hostState.isActionable()) {
                running.add(host);
            }
        }
        if (failed != null && hostState(failed).isHandsOff()) {
            notes.add(resource.name() + ": failed on " + failed + ", which Basket leaves alone ("
                    + hostState(failed).name().toLowerCase(java.util.Locale.ROOT) + "): may still run there");
            return;
        }
        if (failed != null && hostState(failed) == HostState.UNCLEAN) {
            unclean.add(failed);
        }
        String stopFailed = failed != null && isActionable(failed) ? failed : null;
        if (running.size() > 1) {
            notes.add(resource.name() + ": active on " + String.join(", ", running) + ", keeping one");
        }
        String keep = running.contains(target) ? target : null;
        String moveFrom = keep == null && target != null && running.size() == 1 ? running.get(0) : null;
        for (String host : running) {
            if (!host.equals(keep) && !host.equals(moveFrom)) {
                stop(resource, host);
            }
        }
        if (stopFailed != null && add(new Action.Stop(resource.name(), stopFailed))) {
            notes.add(resource.name() + ": failed on " + stopFailed + ", stop there (may still run there)");
        }
        if (target == null || keep != null) {
            return;
        }
        if (moveFrom != null && resource.hasContainer()
                && numbers.containsKey(new Action.Migrate(resource.container(), moveFrom, target))) {
            return; // a guest service moves with its VM
        }
        if (moveFrom != null && canMigrate(resource, moveFrom, target)) {
            add(new Action.Migrate(resource.name(), moveFrom, target));
            notes.add(resource.name() + ": migrate from " + moveFrom + " (" + hostState(moveFrom)
                    .name().toLowerCase(java.util.Locale.ROOT) + ") to " + target);
            return;
        }
        List<String> unprobed = running.isEmpty() && unclean.isEmpty() ? unprobedHosts() : List.of();
        if (anyNotUnclean(unprobed)) {
            notes.add(resource.name() + ": not started while " + someOf(unprobed)
                    + " may run it (not probed yet)");
            return;
        }
        if (moveFrom != null) {
            stop(resource, moveFrom);
        }
        Action start = new Action.Start(resource.name(), target);
        add(start);
        int started = number(start);
        for (String host : unprobed) {
            order(number(new Action.Fence(host)), started);
        }
        if (!unprobed.isEmpty()) {
            notes.add(resource.name() + ": start on " + target + " after fencing " + someOf(unprobed)
                    + " (not probed, may run it)");
        }
        for (String host : running) {
            order(number(new Action.Stop(resource.name(), host)), started);
        }
        if (stopFailed != null) {
            order(number(new Action.Stop(resource.name(), stopFailed)), started);
        }
        if (moveFrom != null && !resource.hasContainer()) {
            notes.add(resource.name() + ": restart on " + target + " (" + whyNotMigrated(resource, moveFrom) + ")");
        } else if (!status.failedOn().isEmpty()) {
            notes.add(resource.name() + ": recover on " + target + " after failure on " + status.failedOn());
        }
        for (String host : unclean) {
            order(number(new Action.Fence(host)), started);
            notes.add(resource.name() + ": was on unclean " + host + ", start on " + target + " after fencing");
        }
    }

    /**
     * Where the resource failed and may still run (Pacemaker counts a failed resource as active where it failed):
     * stopped there before it is recovered, also when it can run nowhere; an unclean host's fence stops it, an
     * offline host runs nothing, a host Basket leaves alone holds the recovery back. Null when it did not fail, or
     * failed where it also counts as active.
     */
    private static String failedHost(ResourceStatus status) {
        String failed = status.failedOn();
        return failed.isEmpty() || status.activeOn().contains(failed) ? null : failed;
    }

    /**
     * When {@code first} of a mandatory order starts (again after it ran or failed, or while {@code then} already
     * runs without it, as Pacemaker orders it), a {@code then} that stays where it runs restarts too: stopped before
     * {@code first} stops or starts, started after {@code first} starts; not while a {@code then} of its own that
     * must stop first is left alone (maintenance; it cannot stop, so neither can this one).
     * A VM that is stopped and started restarts its guest services. A live migration restarts nothing. A worklist:
     * the resources with actions, by position, then each resource restarted this way, so chains restart in turn.
     */
    private void restartDependents() {
        int[] queue = new int[table.resources.length];
        int tail = 0;
        for (int i = 0; i < table.resources.length; i++) {
            if (to[i] > from[i] && index.sequenceCountFrom(i) > 0) {
                queue[tail++] = i;
            }
        }
        for (int head = 0; head < tail; head++) {
            int first = queue[head];
            for (int k = 0; k < index.sequenceCountFrom(first); k++) {
                ConfigIndex.Sequence sequence = index.sequenceFrom(first, k);
                int then = sequence.thenPosition();
                if (!sequence.mandatory() || then < 0 || then == first || !staysRunning(then)
                        || !restarts(first, sequence.container()) || holdsHandsOff(then, new BitSet())) {
                    continue;
                }
                restart(then, sequence);
                queue[tail++] = then; // had no actions, so it is not in the queue yet
            }
        }
    }

    /**
     * Whether a resource that must stop before {@code position} stops (a {@code then} of its mandatory orders, in
     * turn) runs where Basket leaves it alone (maintenance): then {@code position} cannot stop, so it is not
     * restarted either.
     */
    private boolean holdsHandsOff(int position, BitSet visited) {
        visited.set(position);
        for (int k = 0; k < index.sequenceCountFrom(position); k++) {
            ConfigIndex.Sequence sequence = index.sequenceFrom(position, k);
            int then = sequence.thenPosition();
            if (!sequence.mandatory() || then < 0 || visited.get(then)) {
                continue;
            }
            if (leftAlone(table.statuses[then]) || holdsHandsOff(then, visited)) {
                return true;
            }
        }
        return false;
    }

    /** Runs where Basket leaves it as it is: in maintenance, or on a hands-off host. */
    private boolean leftAlone(ResourceStatus status) {
        if (!status.isActive()) {
            return false;
        }
        if (status.maintenance()) {
            return true;
        }
        for (String host : status.activeOn()) {
            if (state.hostState(host).isHandsOff()) {
                return true;
            }
        }
        return false;
    }

    private void restart(int position, ConfigIndex.Sequence because) {
        String host = placement[position];
        String name = table.resources[position].name();
        List<Integer> late = lateActions.computeIfAbsent(position, k -> new ArrayList<>(2));
        Action stop = new Action.Stop(name, host);
        Action start = new Action.Start(name, host);
        add(stop);
        late.add(planned.size() - 1);
        add(start);
        late.add(planned.size() - 1);
        order(number(stop), number(start));
        order(number(stop), number(new Action.Start(because.first(), placement[because.firstPosition()])));
        notes.add(name + ": restart on " + host + " because " + because.first() + " restarts ("
                + (because.container() ? "its VM" : orderName(because)) + ")");
    }

    /** Runs only where it is placed, on a host Basket acts on, with nothing planned for it. */
    private boolean staysRunning(int position) {
        ResourceStatus status = table.statuses[position];
        String target = placement[position];
        return target != null && !status.maintenance() && status.activeOn().size() == 1
                && status.activeOn().get(0).equals(target) && isActionable(target)
                && to[position] == from[position] && !isLate(position);
    }

    /**
     * Whether the resource starts where it is placed: stopped and started, recovered, or started while its
     * {@code then} ran. A VM restarts its guest services only when it is stopped, not when it recovers from a failure.
     */
    private boolean restarts(int position, boolean vmStop) {
        String target = placement[position];
        if (target == null) {
            return false;
        }
        String name = table.resources[position].name();
        String failed = table.statuses[position].failedOn();
        boolean stopped = !vmStop || isLate(position);
        for (int i = from[position]; i < to[position] && !stopped; i++) {
            stopped = planned.get(i) instanceof Action.Stop stop && !stop.host().equals(failed);
        }
        return stopped && numbers.containsKey(new Action.Start(name, target));
    }

    private String orderName(ConfigIndex.Sequence sequence) {
        for (Constraint.Order order : index.mandatoryOrders) {
            if (order.first().equals(sequence.first()) && order.then().equals(sequence.then())) {
                return order.name();
            }
        }
        return "a mandatory order";
    }

    /** Whether the resource has late actions; looks them up (boxing the position) only when any resource has. */
    private boolean isLate(int position) {
        return !lateActions.isEmpty() && lateActions.containsKey(position);
    }

    /** Hosts whose contents Basket does not know and that are not known to be off: they may run anything. */
    /** The first few names and how many more: a note per resource must not name thousands of hosts. */
    private static String someOf(List<String> hosts) {
        int shown = 5;
        return hosts.size() <= shown ? String.join(", ", hosts)
                : String.join(", ", hosts.subList(0, shown)) + " and " + (hosts.size() - shown) + " more";
    }

    private List<String> unprobedHosts() {
        if (unprobed == null) {
            unprobed = new ArrayList<>();
            for (HostStatus host : state.hosts().values()) {
                if (!host.probed() && host.state() != HostState.OFFLINE) {
                    unprobed.add(host.name());
                }
            }
        }
        return unprobed;
    }

    private boolean anyNotUnclean(List<String> hosts) {
        for (String host : hosts) {
            if (hostState(host) != HostState.UNCLEAN) {
                return true;
            }
        }
        return false;
    }

    private void stop(Resource resource, String host) {
        Action stop = new Action.Stop(resource.name(), host);
        if (add(stop) && !resource.hasContainer()) {
            notes.add(resource.name() + ": stop on " + host);
        }
    }

    private boolean canMigrate(Resource resource, String from, String to) {
        return canMigrate(config, resource, from, to);
    }

    /** Whether moving the resource between the hosts is a live migration rather than a stop and a start. */
    static boolean canMigrate(ClusterConfig config, Resource resource, String from, String to) {
        Host source = config.hosts().get(from);
        Host destination = config.hosts().get(to);
        return resource.migratable() && !resource.hasContainer() && source != null && destination != null
                && source.driver().equals(destination.driver());
    }

    private String whyNotMigrated(Resource resource, String from) {
        if (!resource.migratable()) {
            return "not migratable";
        }
        return config.hosts().containsKey(from) ? "hosts do not share a driver" : from + " is not configured";
    }

    /**
     * Room first: a stop on a host precedes starts and migrations onto it, and a migration away from a
     * host precedes starts on it. (Not migrations onto it: two VMs trading hosts would wait for each other.)
     */
    private void orderStopsBeforeStartsOnHost() {
        Map<String, List<Integer>> arrivals = new HashMap<>(); // on hosts with a stop: starts on it, migrations to it
        Map<String, List<Integer>> starts = new HashMap<>(); // on hosts that a migration leaves: starts on it
        for (Action action : planned) {
            if (action instanceof Action.Stop stop) {
                arrivals.putIfAbsent(stop.host(), new ArrayList<>());
            } else if (action instanceof Action.Migrate away) {
                starts.putIfAbsent(away.from(), new ArrayList<>());
            }
        }
        if (arrivals.isEmpty() && starts.isEmpty()) {
            return;
        }
        for (int i = 0; i < planned.size(); i++) {
            Action action = planned.get(i);
            if (action instanceof Action.Start start) {
                addTo(arrivals, start.host(), i);
                addTo(starts, start.host(), i);
            } else if (action instanceof Action.Migrate migrate) {
                addTo(arrivals, migrate.to(), i);
            }
        }
        for (int i = 0; i < planned.size(); i++) {
            Action first = planned.get(i);
            if (first instanceof Action.Stop stop) {
                for (int other : arrivals.get(stop.host())) {
                    if (!(planned.get(other) instanceof Action.Start start) || !start.name().equals(stop.name())) {
                        order(i, other);
                    }
                }
            } else if (first instanceof Action.Migrate away) {
                for (int other : starts.get(away.from())) {
                    order(i, other);
                }
            }
        }
    }

    private static void addTo(Map<String, List<Integer>> lists, String host, int action) {
        List<Integer> list = lists.get(host);
        if (list != null) {
            list.add(action);
        }
    }

    /**
     * Orders and containers: {@code first} starts before {@code then}; {@code then} stops before {@code first}. A
     * guest service starts after its VM arrives on the service's host.
     */
    private void orderConstraints() {
        for (ConfigIndex.Sequence sequence : index.sequencing) {
            int[] involved = actionsOf(sequence);
            if (involved.length == 0) {
                continue;
            }
            String first = sequence.first();
            String then = sequence.then();
            for (int i : involved) {
                Action a = planned.get(i);
                for (int j : involved) {
                    Action b = planned.get(j);
                    if (a instanceof Action.Start && b instanceof Action.Start
                            && is(a, first) && is(b, then)) {
                        order(i, j);
                    } else if (a instanceof Action.Stop && b instanceof Action.Stop && is(a, then) && is(b, first)) {
                        order(i, j);
                    } else if (sequence.container() && a instanceof Action.Migrate migrate
                            && b instanceof Action.Start start && is(a, first) && is(b, then)
                            && migrate.to().equals(start.host())) {
                        order(i, j);
                    }
                }
            }
        }
    }

    /** The numbers of the actions of both resources of an order or container, ascending. */
    private int[] actionsOf(ConfigIndex.Sequence sequence) {
        int firstCount = count(sequence.firstPosition(), sequence.first());
        boolean same = sequence.first().equals(sequence.then());
        int thenCount = same ? 0 : count(sequence.thenPosition(), sequence.then());
        if (firstCount + thenCount == 0) {
            return NONE;
        }
        int[] all = new int[firstCount + thenCount];
        copy(sequence.firstPosition(), sequence.first(), all, 0);
        if (!same) {
            copy(sequence.thenPosition(), sequence.then(), all, firstCount);
        }
        Arrays.sort(all);
        return all;
    }

    private static final int[] NONE = new int[0];

    private int count(int position, String resource) {
        if (position >= 0) {
            return to[position] - from[position] + (isLate(position) ? lateActions.get(position).size() : 0);
        }
        return unconfiguredActions.getOrDefault(resource, List.of()).size();
    }

    private void copy(int position, String resource, int[] into, int at) {
        if (position >= 0) {
            for (int i = from[position]; i < to[position]; i++) {
                into[at++] = i;
            }
            if (isLate(position)) {
                for (int i : lateActions.get(position)) {
                    into[at++] = i;
                }
            }
        } else {
            for (int i : unconfiguredActions.getOrDefault(resource, List.of())) {
                into[at++] = i;
            }
        }
    }

    private static String resourceOf(Action action) {
        if (action instanceof Action.Start start) {
            return start.name();
        }
        if (action instanceof Action.Stop stop) {
            return stop.name();
        }
        if (action instanceof Action.Migrate migrate) {
            return migrate.name();
        }
        if (action instanceof Action.Monitor monitor) {
            return monitor.name();
        }
        return null;
    }

    private static boolean is(Action action, String resource) {
        return resource.equals(resourceOf(action));
    }
}
