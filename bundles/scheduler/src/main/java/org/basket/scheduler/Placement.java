package org.basket.scheduler;

import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

import org.basket.api.model.Capacity;
import org.basket.api.model.ClusterConfig;
import org.basket.api.model.ClusterState;
import org.basket.api.model.Constraint;
import org.basket.api.model.Host;
import org.basket.api.model.HostState;
import org.basket.api.model.HostStatus;
import org.basket.api.model.Resource;
import org.basket.api.model.ResourceStatus;
import org.basket.api.model.Score;

/**
 * Assigns every resource that should run to a host: location scores and attribute rules, colocation scores
 * (sets as pairs), capacity, stickiness and failure thresholds, within the migration limits. Resources on hosts
 * Basket must not touch (maintenance, driver missing) stay where they are.
 *
 * <p>Each resource takes the host with the highest score; among equals, one not held by a partner it should
 * avoid, then the strategy's pick (balanced: the fewest resources, then the host it runs on, as Pacemaker's default
 * strategy does; minimal: the most; first fit: none), then the first name. A host where a partner that must share
 * the resource's host (a colocation of {@code +INFINITY}), not placed yet, could not run is banned, unless that
 * leaves no host (see {@link #partnerBans}), and one that has no room for it and its partners that must share its
 * host, not placed yet, while another host has (see {@link #markColocatedDemand}). Most hosts score the same for a
 * resource: 0, or banned when full.
 * Only a few hosts score otherwise: where it runs or failed, where a location constraint names, where a colocated
 * resource runs. So a turn scores those few hosts, asks {@link HostLoad} for the strategy's pick among the other
 * hosts with room, and keeps the better; all hosts are scored only when none fits, to say why, or when the resource
 * has attribute rules or partner bans, which may concern any host. Resources are numbered by their position in the {@link ConfigIndex}, which also holds each
 * one's constraints.
 */
final class Placement {
    private final ClusterConfig config;
    private final ClusterState state;
    private final int stickiness;
    private final PlacementStrategy strategy;
    private final MigrationBudget migrations;
    private final List<String> notes;
    /** The resources placed on hosts (not guest services) and where, in the order they were placed. */
    private final Map<String, String> assigned;
    private final HostLoad load = new HostLoad();
    private final ConfigIndex index;
    private final ResourceTable table;
    /** Where each resource, by position, runs once placed; null where it does not. */
    private final String[] hostOf;
    /** The hosts that may be scored (reported and configured), by name; their slot in {@link #load} is their index. */
    private final HostStatus[] hosts;
    /** The configuration of each of {@link #hosts}, by slot. */
    private final Host[] configured;
    private final Map<String, HostState> hostStates = new HashMap<>();
    /** Whether any host is hands-off (maintenance, suspect, unmanaged). */
    private final boolean anyHandsOff;
    /** Hosts already scored in the current turn: seen[slot] == turn. */
    private final int[] seen;
    private int turn;
    /**
     * Hosts where a resource that the current one should avoid (a negative colocation) still runs and has yet to
     * take its turn: held[slot] == holding. At an equal score another host is preferred, so that the partner may
     * stay where it runs instead of being pushed away in its turn.
     */
    private final int[] held;
    private int holding;
    /**
     * Hosts the resource of the current turn may not take because a partner that must share its host (a colocation
     * of {@code +INFINITY}) and is not placed yet could not run there: Pacemaker weighs a dependent's bans into
     * where its primary goes, unless they would leave the primary no host at all.
     */
    private final BitSet partnerBans = new BitSet();
    /** The resource {@link #partnerBans} are for, by position. */
    private int partnerBansOf = -1;
    /**
     * The host with the most free capacity, preferred at the best score, when no host has room for the resource of
     * the current turn and its partners that must share its host (see {@link #markColocatedDemand}); else -1.
     */
    private int roomiest = -1;
    /** The hosts among {@link #partnerBans} that have no room for the resource and those partners. */
    private final BitSet roomBans = new BitSet();
    /** The host the resource of the current turn runs on (its only one), or -1: it keeps it among equals. */
    private int currentSlot = -1;
    private final List<Integer> heldSlots = new ArrayList<>();
    /** The best host of the current turn so far, and its score. */
    private int best;
    private int bestScore;

    Placement(ClusterConfig config, ClusterState state, SchedulerOptions options, Instant now, List<String> notes) {
        this(new ConfigIndex(config), state, options, now, notes);
    }

    private Placement(ConfigIndex index, ClusterState state, SchedulerOptions options, Instant now,
                      List<String> notes) {
        this(index, ResourceTable.of(index, state, now, new ArrayList<>()), state, options, notes);
    }

    /** @param table the configuration's resources with their observed state */
    Placement(ConfigIndex index, ResourceTable table, ClusterState state, SchedulerOptions options,
              List<String> notes) {
        this.config = index.config;
        this.state = state;
        this.stickiness = options.stickiness();
        this.strategy = options.strategy();
        this.migrations = new MigrationBudget(options);
        this.notes = notes;
        this.index = index;
        this.table = table;
        hostOf = new String[table.resources.length];
        assigned = new LinkedHashMap<>(table.resources.length * 4 / 3 + 1);
        List<HostStatus> scored = new ArrayList<>(state.hosts().size());
        List<Host> scoredConfig = new ArrayList<>(state.hosts().size());
        boolean handsOff = false;
        for (HostStatus host : state.hosts().values()) {
            hostStates.put(host.name(), host.state());
            handsOff |= host.state().isHandsOff();
            Host hostConfig = config.hosts().get(host.name());
            if (hostConfig != null) {
                load.slot(host.name());
                scored.add(host);
                scoredConfig.add(hostConfig);
            }
        }
        anyHandsOff = handsOff;
        hosts = scored.toArray(new HostStatus[0]);
        configured = scoredConfig.toArray(new Host[0]);
        seen = new int[hosts.length];
        held = new int[hosts.length];
        load.smallestDemand(index.smallestCpus, index.smallestMemory);
        for (int slot = 0; slot < hosts.length; slot++) {
            if (hosts[slot].state().acceptsResources()) {
                load.offer(slot, hosts[slot].capacity());
            }
        }
    }

    /** Places every resource and returns where, by name. */
    Map<String, String> assign() {
        place();
        for (int i = 0; i < hostOf.length; i++) {
            if (hostOf[i] != null && table.resources[i].hasContainer()) {
                assigned.put(table.resources[i].name(), hostOf[i]);
            }
        }
        return assigned;
    }

    /** Places every resource: see {@link #hosts} and {@link #byName}. */
    void place() {
        pinUntouchable();
        for (int position : turnOrder()) {
            if (hostOf[position] == null) {
                assignOne(position);
            }
        }
        placeGuestServices();
        dropUnrunnable();
    }

    /** A note on the live migrations that wait for a later transition; empty if none does. */
    Optional<String> migrationsWaiting() {
        return migrations.summary();
    }

    /** Where each resource runs once placed, by its position in the {@link ConfigIndex}; null where it does not. */
    String[] hosts() {
        return hostOf;
    }

    /**
     * Where each placed resource runs, sorted by name and built in linear time: a copy of the configuration's
     * sorted resources (see {@link ConfigIndex#resourcesByName}) whose values become the hosts.
     */
    @SuppressWarnings("unchecked")
    SortedMap<String, String> byName() {
        TreeMap<String, Object> sorted = index.resourcesByName();
        int i = 0;
        for (Iterator<Map.Entry<String, Object>> entries = sorted.entrySet().iterator(); entries.hasNext(); i++) {
            Map.Entry<String, Object> entry = entries.next();
            if (hostOf[i] == null) {
                entries.remove();
            } else {
                entry.setValue(hostOf[i]);
            }
        }
        return (SortedMap<String, String>) (SortedMap<String, ?>) sorted;
    }

    /** Resources in maintenance, or on hands-off hosts, stay as they are and take their capacity. */
    private void pinUntouchable() {
        for (int i = 0; i < table.resources.length; i++) {
            ResourceStatus status = table.statuses[i];
            if (status.activeOn().isEmpty() || !status.maintenance() && !anyUntouchable(status.activeOn())) {
                continue;
            }
            Resource resource = table.resources[i];
            for (String host : status.activeOn()) {
                if (!resource.hasContainer() && (isUntouchable(host) || status.maintenance())) {
                    assigned.put(resource.name(), host);
                    hostOf[i] = host;
                    load.add(host, resource.demand());
                }
            }
        }
    }

    private boolean anyUntouchable(List<String> hosts) {
        if (anyHandsOff) {
            for (String host : hosts) {
                if (isUntouchable(host)) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean isUntouchable(String host) {
        HostState hostState = hostStates.get(host);
        return hostState != null && hostState.isHandsOff();
    }

    /** In the order of {@link Turn}: higher priority first, then (see there) running resources, then by name. */
    private List<Resource> assignmentOrder() {
        List<Resource> order = new ArrayList<>();
        for (int position : turnOrder()) {
            order.add(table.resources[position]);
        }
        return order;
    }

    /** The positions of {@link #turns}, each after the colocation primaries it depends on ({@link PrimariesFirst}). */
    private int[] turnOrder() {
        List<Turn> turns = turns();
        int[] positions = new int[turns.size()];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = turns.get(i).position();
        }
        return new PrimariesFirst(config, index).order(positions);
    }

    /** The resources to assign, by position, in {@link #assignmentOrder}. */
    private List<Turn> turns() {
        List<Turn> turns = new ArrayList<>(table.resources.length);
        for (int i = 0; i < table.resources.length; i++) {
            Resource resource = table.resources[i];
            if (resource.hasContainer()) {
                continue;
            }
            if (table.statuses[i].maintenance()) {
                if (!table.heldByBlock(i)) {
                    notes.add(resource.name() + ": in maintenance, left as it is");
                }
                continue;
            }
            if (!resource.enabled()) {
                notes.add(resource.name() + ": disabled, not placed");
                continue;
            }
            int here = index.anyDemand ? scoreWhereItRuns(i) : 0;
            turns.add(new Turn(i, resource.priority(), here, resource.rank(), table.statuses[i].isActive()));
        }
        // a stable sort of resources that come by name: ties stay in name order
        turns.sort(null);
        return turns;
    }

    /**
     * A resource's turn: by priority; where resources need capacity, the higher score where it runs first (a
     * resource that does not run scores {@code -INFINITY}), as Pacemaker orders the resources it assigns when
     * utilization counts, so that the one that holds its place best keeps the room; then the configured rank, the
     * lower first (Pacemaker: the order of the CIB); then running first (short of the name).
     */
    private record Turn(int position, int priority, int here, int rank, boolean active) implements Comparable<Turn> {
        @Override
        public int compareTo(Turn other) {
            int byPriority = Integer.compare(other.priority, priority);
            if (byPriority != 0) {
                return byPriority;
            }
            int byHere = Integer.compare(other.here, here);
            if (byHere != 0) {
                return byHere;
            }
            int byRank = Integer.compare(rank, other.rank);
            return byRank != 0 ? byRank : Boolean.compare(other.active, active);
        }
    }

    /**
     * The resource's best score among the hosts it runs on before anything is placed (stickiness, host state,
     * threshold, locations, rules, its own demand against the host's capacity); {@code -INFINITY} if it runs nowhere.
     */
    private int scoreWhereItRuns(int position) {
        List<String> active = table.statuses[position].activeOn();
        int best = Score.MINUS_INFINITY;
        for (int i = 0; i < active.size(); i++) {
            int slot = load.slotOf(active.get(i));
            if (slot < 0 || slot >= hosts.length
                    || !load.fits(slot, hosts[slot].capacity(), table.resources[position].demand())) {
                continue;
            }
            best = Math.max(best, Score.add(ownScore(position, slot), stickiness(position)));
        }
        return best;
    }

    /** The resource's own stickiness, or the scheduler's. */
    private int stickiness(int position) {
        return table.resources[position].stickinessOr(stickiness);
    }

    private void assignOne(Resource resource) {
        assignOne(index.position(resource.name()));
    }

    private void assignOne(int position) {
        Resource resource = table.resources[position];
        markHeldByPartners(position);
        List<String> runsOn = table.statuses[position].activeOn();
        int slot = runsOn.size() == 1 ? load.slotOf(runsOn.get(0)) : -1;
        currentSlot = slot < hosts.length ? slot : -1;
        markPartnerBans(position);
        markColocatedDemand(position);
        int found = partnerBans.isEmpty() && (!index.anyRules || index.rules(position).isEmpty())
                ? bestHost(position) : bestByScan(position, null);
        assert found == bestByScan(position, null) : resource.name() + ": indexed placement differs from a scan";
        if (found >= 0 && roomiest >= 0 && roomiest != found
                && score(position, roomiest, null) >= score(position, found, null)) {
            found = roomiest;
        }
        if (found >= 0 && migrations.limited()) {
            found = waitForMigration(position, found);
        }
        if (found < 0) {
            List<String> reasons = new ArrayList<>();
            bestByScan(position, reasons);
            notes.add(resource.name() + ": cannot run anywhere"
                    + (reasons.isEmpty() ? " (no host)" : ": " + String.join("; ", reasons)));
            return;
        }
        String host = hosts[found].name();
        assigned.put(resource.name(), host);
        hostOf[position] = host;
        load.add(found, resource.demand());
    }

    /** Fills {@link #partnerBans} for the resource at {@code position}. */
    private void markPartnerBans(int position) {
        partnerBans.clear();
        partnerBansOf = position;
        String name = table.resources[position].name();
        List<Constraint.Colocation> colocations = index.colocations(position);
        for (int i = 0; i < colocations.size(); i++) {
            Constraint.Colocation colocation = colocations.get(i);
            if (colocation.score() < Score.INFINITY) {
                continue;
            }
            int partner = index.position(other(colocation, name));
            if (partner < 0 || hostOf[partner] != null || table.resources[partner].hasContainer()
                    || !table.resources[partner].enabled() || table.statuses[partner].maintenance()) {
                continue;
            }
            BitSet bans = new BitSet();
            for (int slot = 0; slot < hosts.length; slot++) {
                if (ownScore(partner, slot) <= Score.MINUS_INFINITY) {
                    bans.set(slot);
                }
            }
            BitSet all = (BitSet) partnerBans.clone();
            all.or(bans);
            boolean leavesAHost = false;
            for (int slot = 0; slot < hosts.length && !leavesAHost; slot++) {
                leavesAHost = !all.get(slot) && ownScore(position, slot) > Score.MINUS_INFINITY;
            }
            if (leavesAHost) {
                partnerBans.or(bans);
            }
        }
    }

    /**
     * Bans, for the resource at {@code position}, the hosts that have no room for it and its partners that must share
     * its host and are not placed yet ({@link ColocatedDemand}), if some host has room for them all; if none has,
     * the host with the most free capacity is preferred among the best (see {@link #roomiest}). Pacemaker's
     * {@code pcmk__ban_insufficient_capacity}; hosts the resource cannot use (a negative score) are not weighed.
     */
    private void markColocatedDemand(int position) {
        roomiest = -1;
        roomBans.clear();
        Capacity partners = ColocatedDemand.ofPartners(index, table, hostOf, position);
        if (partners.equals(Capacity.NONE)) {
            return;
        }
        Capacity all = table.resources[position].demand().plus(partners);
        BitSet tooSmall = new BitSet();
        boolean anyFits = false;
        for (int slot = 0; slot < hosts.length; slot++) {
            if (score(position, slot, null) < 0) {
                continue;
            }
            if (load.fits(slot, hosts[slot].capacity(), all)) {
                anyFits = true;
            } else {
                tooSmall.set(slot);
            }
            if (roomiest < 0 || roomier(slot, roomiest)) {
                roomiest = slot;
            }
        }
        if (anyFits) {
            partnerBans.or(tooSmall);
            roomBans.or(tooSmall);
            roomiest = -1;
        }
    }

    /** Whether {@code slot} has more free capacity than {@code other}: more CPUs and memory free counts twice. */
    private boolean roomier(int slot, int other) {
        Capacity free = hosts[slot].capacity().minus(load.used(hosts[slot].name()));
        Capacity otherFree = hosts[other].capacity().minus(load.used(hosts[other].name()));
        return Integer.compare(free.cpus(), otherFree.cpus()) + Long.compare(free.memoryMb(), otherFree.memoryMb()) > 0;
    }

    /** A resource's bans that do not depend on other resources: host state, threshold, locations and rules. */
    private int ownScore(int position, int slot) {
        Resource resource = table.resources[position];
        ResourceStatus status = table.statuses[position];
        HostStatus host = hosts[slot];
        if (!host.state().acceptsResources()) {
            return Score.MINUS_INFINITY;
        }
        if (!status.failCounts().isEmpty() && status.failCount(host.name()) >= resource.migrationThreshold()) {
            return Score.MINUS_INFINITY;
        }
        int score = 0;
        List<Constraint.Location> locations = index.locations(position);
        for (int i = 0; i < locations.size(); i++) {
            if (locations.get(i).host().equals(host.name())) {
                score = Score.add(score, locations.get(i).score());
            }
        }
        List<Constraint.LocationRule> rules = index.anyRules ? index.rules(position) : List.of();
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).matches(configured[slot])) {
                score = Score.add(score, rules.get(i).score());
            }
        }
        return score;
    }

    /** The best host by scoring every host, collecting why hosts are banned; -1 if none can take it. */
    private int bestByScan(int position, List<String> reasons) {
        int found = -1;
        int foundScore = Score.MINUS_INFINITY;
        for (int slot = 0; slot < hosts.length; slot++) {
            int score = score(position, slot, reasons);
            if (score <= Score.MINUS_INFINITY) {
                continue;
            }
            if (found < 0 || score > foundScore || score == foundScore && preferred(slot, found)) {
                found = slot;
                foundScore = score;
            }
        }
        return found;
    }

    /**
     * The best host, as {@link #bestByScan} finds it, scoring only the hosts where something adds to the score
     * and the least loaded of the others: all the others score 0 where the resource fits.
     */
    private int bestHost(int position) {
        Resource resource = table.resources[position];
        ResourceStatus status = table.statuses[position];
        turn++;
        best = -1;
        bestScore = Score.MINUS_INFINITY;
        List<String> active = status.activeOn();
        for (int i = 0; i < active.size(); i++) {
            consider(position, active.get(i));
        }
        if (!status.failedOn().isEmpty()) {
            consider(position, status.failedOn());
        }
        if (!status.failCounts().isEmpty()) {
            for (String host : status.failCounts().keySet()) {
                consider(position, host);
            }
        }
        List<Constraint.Location> locations = index.locations(position);
        for (int i = 0; i < locations.size(); i++) {
            consider(position, locations.get(i).host());
        }
        boolean othersBanned = false;
        List<Constraint.Colocation> colocations = index.colocations(position);
        for (int i = 0; i < colocations.size(); i++) {
            Constraint.Colocation colocation = colocations.get(i);
            String host = assigned.get(other(colocation, resource.name()));
            if (host != null) {
                consider(position, host);
                othersBanned |= colocation.score() >= Score.INFINITY;
            }
        }
        for (int i = 0; i < heldSlots.size(); i++) {
            consider(position, heldSlots.get(i));
        }
        if (!othersBanned && (best < 0 || bestScore <= 0)) { // the others score 0 at best
            int slot = otherHost(resource.demand());
            if (slot >= 0) {
                consider(position, slot);
            }
        }
        return best;
    }

    private void consider(int position, String host) {
        int slot = load.slotOf(host);
        if (slot >= 0 && slot < hosts.length) {
            consider(position, slot);
        }
    }

    /** Scores the host once a turn and keeps it if it beats the best so far, as the scan would. */
    private void consider(int position, int slot) {
        if (seen[slot] == turn) {
            return;
        }
        seen[slot] = turn;
        int score = score(position, slot, null);
        if (score <= Score.MINUS_INFINITY) {
            return;
        }
        if (best < 0 || score > bestScore || score == bestScore && preferred(slot, best)) {
            best = slot;
            bestScore = score;
        }
    }

    /** The host the strategy picks among those not scored yet this turn, where all score 0; -1 if none fits. */
    private int otherHost(Capacity demand) {
        return switch (strategy) {
            case BALANCED -> load.leastLoaded(demand, s -> seen[s] == turn);
            case MINIMAL -> load.mostLoaded(demand, s -> seen[s] == turn);
            case FIRST_FIT -> load.firstFitting(demand, s -> seen[s] == turn);
        };
    }

    /**
     * Marks the hosts where a resource to avoid still runs and has yet to take its turn (see {@link #held}): one
     * that runs on a single host where Basket may act and that is not placed yet.
     */
    private void markHeldByPartners(int position) {
        holding++;
        heldSlots.clear();
        int[] partners = index.avoided[position];
        if (partners == null) {
            return;
        }
        for (int partner : partners) {
            if (hostOf[partner] != null || table.resources[partner].hasContainer() || !table.resources[partner].enabled()) {
                continue;
            }
            List<String> runsOn = table.statuses[partner].activeOn();
            int slot = runsOn.size() == 1 ? load.slotOf(runsOn.get(0)) : -1;
            if (slot >= 0 && slot < hosts.length && hosts[slot].state().acceptsResources() && held[slot] != holding) {
                held[slot] = holding;
                heldSlots.add(slot);
            }
        }
    }

    /**
     * Whether {@code slot} beats {@code other} at an equal score: a host not held by a partner to avoid first, then
     * by the strategy; ties end in the name (slot).
     */
    private boolean preferred(int slot, int other) {
        boolean slotHeld = held[slot] == holding;
        if (slotHeld != (held[other] == holding)) {
            return !slotHeld;
        }
        int count = load.count(slot);
        int otherCount = load.count(other);
        int byStrategy = switch (strategy) {
            case BALANCED -> Integer.compare(otherCount, count);
            case MINIMAL -> Integer.compare(count, otherCount);
            case FIRST_FIT -> 0;
        };
        if (byStrategy != 0) {
            return byStrategy > 0;
        }
        if (strategy == PlacementStrategy.BALANCED && (slot == currentSlot || other == currentSlot)) {
            return slot == currentSlot;
        }
        return slot < other;
    }

    /**
     * The host the resource takes within the migration limits: {@code found}, or where it runs when moving there
     * would be one live migration too many.
     */
    private int waitForMigration(int position, int found) {
        Resource resource = table.resources[position];
        List<String> active = table.statuses[position].activeOn();
        String to = hosts[found].name();
        if (active.size() != 1 || active.get(0).equals(to)) {
            return found;
        }
        String from = active.get(0);
        int fromSlot = load.slotOf(from);
        HostState fromState = hostStates.get(from);
        if (fromSlot < 0 || fromSlot >= hosts.length || fromState == null || !fromState.isActionable()
                || !ActionPlanner.canMigrate(config, resource, from, to)) {
            return found;
        }
        String full = migrations.take(from, to);
        if (full == null) {
            return found;
        }
        notes.add(resource.name() + ": stays on " + from + " for now and moves in a later transition, to the best host"
                + " then (" + full + ")");
        return fromSlot;
    }

    private static String other(Constraint.Colocation colocation, String resource) {
        return colocation.resource().equals(resource) ? colocation.with() : colocation.resource();
    }

    private int score(Resource resource, HostStatus host, List<String> reasons) {
        return score(index.position(resource.name()), load.slotOf(host.name()), reasons);
    }

    /** The resource's score on the host; with {@code reasons}, adds why the host is banned if it is. */
    private int score(int position, int slot, List<String> reasons) {
        Resource resource = table.resources[position];
        ResourceStatus status = table.statuses[position];
        HostStatus host = hosts[slot];
        String name = host.name();
        int reasonsBefore = reasons == null ? 0 : reasons.size();
        if (!host.state().acceptsResources()) {
            if (reasons != null) {
                reasons.add(name + " is " + host.state().name().toLowerCase(Locale.ROOT));
            }
            return Score.MINUS_INFINITY;
        }
        if (!load.fits(slot, host.capacity(), resource.demand())) {
            if (reasons != null) {
                Capacity free = host.capacity().minus(load.used(name));
                reasons.add(name + " has " + free + " free, needs " + resource.demand());
            }
            return Score.MINUS_INFINITY;
        }
        if (!status.failCounts().isEmpty() && status.failCount(name) >= resource.migrationThreshold()) {
            if (reasons != null) {
                reasons.add(name + " reached the migration threshold (" + status.failCount(name) + " failures)");
            }
            return Score.MINUS_INFINITY;
        }
        if (position == partnerBansOf && partnerBans.get(slot)) {
            if (reasons != null) {
                reasons.add(name + (roomBans.get(slot)
                        ? " has no room for it and the resources that must share its host"
                        : " cannot take a resource that must share its host"));
            }
            return Score.MINUS_INFINITY;
        }
        int score = 0;
        if (status.activeOn().contains(name) || status.failedOn().equals(name)) {
            score = Score.add(score, stickiness(position));
        }
        List<Constraint.Location> locations = index.locations(position);
        for (int i = 0; i < locations.size(); i++) {
            if (locations.get(i).host().equals(name)) {
                score = Score.add(score, locations.get(i).score());
            }
        }
        List<Constraint.LocationRule> rules = index.anyRules ? index.rules(position) : List.of();
        for (int i = 0; i < rules.size(); i++) {
            Constraint.LocationRule rule = rules.get(i);
            if (rule.matches(configured[slot])) {
                score = Score.add(score, rule.score());
                if (reasons != null && rule.score() <= Score.MINUS_INFINITY) {
                    reasons.add(name + " is banned by " + rule.name() + " (" + rule.condition() + ")");
                }
            }
        }
        List<Constraint.Colocation> colocations = index.colocations(position);
        for (int i = 0; i < colocations.size(); i++) {
            Constraint.Colocation colocation = colocations.get(i);
            String other = other(colocation, resource.name());
            String otherHost = assigned.get(other);
            if (otherHost == null) {
                continue;
            }
            if (name.equals(otherHost)) {
                score = Score.add(score, colocation.score());
                if (reasons != null && colocation.antiAffinity()) {
                    reasons.add(name + " runs " + other + " (" + colocation.name() + ")");
                }
            } else if (colocation.score() >= Score.INFINITY) {
                score = Score.MINUS_INFINITY; // +INFINITY: the two always share a host
                if (reasons != null) {
                    reasons.add(name + " does not run " + other + " (" + colocation.name() + ")");
                }
            }
        }
        if (score <= Score.MINUS_INFINITY && reasons != null && reasons.size() == reasonsBefore) {
            reasons.add(name + " is banned by a location constraint");
        }
        return score;
    }

    /**
     * A mandatory order keeps {@code then} from running while {@code first} cannot; a guest service needs its VM.
     * Rounds until nothing changes: each round goes through the orders, then the services, and drops what needs
     * what is not placed. A rule can only drop something once its required resource is dropped, so a round
     * checks only those rules, in the same order: a drop makes the rules that need the dropped resource due later
     * in the same round, or in the next round if their turn has passed. The first round checks every order; no
     * service, as each placed service's VM is placed then.
     */
    private void dropUnrunnable() {
        List<Rule> rules = new ArrayList<>();
        for (Constraint.Order order : index.mandatoryOrders) {
            rules.add(new Rule(index.position(order.then()), index.position(order.first()), order));
        }
        int[][] needing = null; // by position: the rules that require the resource; made at the first drop
        BitSet due = new BitSet();
        due.set(0, rules.size());
        while (!due.isEmpty()) {
            BitSet nextRound = new BitSet();
            for (int i = due.nextSetBit(0); i >= 0; i = due.nextSetBit(i + 1)) {
                Rule rule = rules.get(i);
                if (!drop(rule.dependent(), rule.required())) {
                    continue;
                }
                Constraint.Order order = rule.order();
                Resource dependent = table.resources[rule.dependent()];
                notes.add(order != null
                        ? order.then() + ": cannot run because " + order.first() + " cannot run (" + order.name() + ")"
                        : dependent.name() + ": cannot run because its VM " + dependent.container() + " does not run");
                if (needing == null) {
                    needing = needing(rules);
                }
                for (int other : needing[rule.dependent()]) {
                    (other > i ? due : nextRound).set(other);
                }
            }
            due = nextRound;
        }
    }

    /** Adds the guest services' rules after the orders' and lists, by position, the rules that require each resource. */
    private int[][] needing(List<Rule> rules) {
        for (int i = 0; i < table.resources.length; i++) {
            if (table.resources[i].hasContainer()) {
                rules.add(new Rule(i, index.container[i], null));
            }
        }
        int[] counts = new int[table.resources.length];
        for (Rule rule : rules) {
            if (rule.required() >= 0) {
                counts[rule.required()]++;
            }
        }
        int[][] needing = new int[table.resources.length][];
        for (int i = 0; i < needing.length; i++) {
            needing[i] = new int[counts[i]];
            counts[i] = 0;
        }
        for (int i = 0; i < rules.size(); i++) {
            int required = rules.get(i).required();
            if (required >= 0) {
                needing[required][counts[required]++] = i;
            }
        }
        return needing;
    }

    /**
     * The resource at {@code dependent} cannot run while the one at {@code required} does not: a mandatory order, or
     * (without an order) a guest service in its VM. A position is -1 for a resource that is not configured.
     */
    private record Rule(int dependent, int required, Constraint.Order order) {
    }

    private boolean drop(int dependent, int required) {
        if (dependent < 0 || required >= 0 && hostOf[required] != null) {
            return false;
        }
        String host = hostOf[dependent];
        if (host == null || isUntouchable(host)) {
            return false;
        }
        hostOf[dependent] = null;
        assigned.remove(table.resources[dependent].name());
        return true;
    }

    private void placeGuestServices() {
        int[] services = new int[table.resources.length]; // placed once all are seen
        int placed = 0;
        for (int i = 0; i < table.resources.length; i++) {
            Resource resource = table.resources[i];
            if (!resource.hasContainer()) {
                continue;
            }
            if (!resource.enabled()) {
                notes.add(resource.name() + ": disabled, not placed");
                continue;
            }
            int vm = index.container[i];
            if (vm < 0 || hostOf[vm] == null) {
                notes.add(resource.name() + ": cannot run because its VM " + resource.container() + " does not run");
            } else {
                services[placed++] = i;
            }
        }
        for (int i = 0; i < placed; i++) {
            hostOf[services[i]] = hostOf[index.container[services[i]]];
        }
    }

    /** One term of a host's score, for explanations. */
    record Term(String what, int score) {
    }

    /** A host's score for one resource at its turn, the terms that make it up, and how many resources it had then. */
    record HostScore(String host, int score, List<Term> terms, int resident) {
    }

    /** The hosts as scored at a resource's turn, the resources placed before it, and the host its turn picked. */
    record Scored(List<HostScore> hosts, List<String> placedBefore, String picked) {
    }

    /**
     * Why a resource goes where it does: assigns as {@link #assign} does up to the resource's turn, scores every
     * host with {@link #score} and the terms behind it, then lets the resource take its turn. Decides nothing of its
     * own. Null when the resource is not placed by score (a guest service, disabled, in maintenance, pinned).
     */
    Scored explain(String name) {
        pinUntouchable();
        int position = index.position(name);
        for (Resource resource : assignmentOrder()) {
            if (assigned.containsKey(resource.name())) {
                continue;
            }
            if (resource.name().equals(name)) {
                List<String> before = List.copyOf(assigned.keySet());
                markPartnerBans(position);
                markColocatedDemand(position);
                List<HostScore> hosts = new ArrayList<>();
                for (HostStatus host : state.hosts().values()) {
                    if (config.hosts().containsKey(host.name())) {
                        hosts.add(new HostScore(host.name(), score(resource, host, new ArrayList<>()),
                                terms(position, host), load.count(host.name())));
                    }
                }
                assignOne(resource);
                return new Scored(hosts, before, assigned.get(name));
            }
            assignOne(resource);
        }
        return null;
    }

    /** The terms of {@link #score}, in its order, each of them even after one that bans the host. */
    private List<Term> terms(int position, HostStatus host) {
        Resource resource = table.resources[position];
        String name = host.name();
        List<Term> terms = new ArrayList<>();
        if (!host.state().acceptsResources()) {
            terms.add(new Term("host is " + host.state().name().toLowerCase(Locale.ROOT), Score.MINUS_INFINITY));
        }
        Capacity free = host.capacity().minus(load.used(name));
        if (!free.fits(resource.demand())) {
            terms.add(new Term("capacity short: " + free + " free, needs " + resource.demand(), Score.MINUS_INFINITY));
        }
        ResourceStatus status = table.statuses[position];
        if (status.failCount(name) >= resource.migrationThreshold()) {
            terms.add(new Term("failure threshold: " + status.failCount(name) + " failures here (threshold "
                    + resource.migrationThreshold() + ")", Score.MINUS_INFINITY));
        }
        int slot = load.slotOf(name);
        if (position == partnerBansOf && slot >= 0 && partnerBans.get(slot)) {
            terms.add(new Term(roomBans.get(slot) ? "no room for it and the resources that must share its host"
                    : "a resource that must share its host cannot run here", Score.MINUS_INFINITY));
        }
        if (status.activeOn().contains(name) || status.failedOn().equals(name)) {
            terms.add(new Term("stickiness: " + (status.activeOn().contains(name) ? "runs here" : "failed here"),
                    stickiness(position)));
        }
        for (Constraint.Location location : config.constraints(Constraint.Location.class)) {
            if (location.resource().equals(resource.name()) && location.host().equals(name)) {
                terms.add(new Term("location " + location.name(), location.score()));
            }
        }
        Host hostConfig = config.hosts().get(name);
        for (Constraint.LocationRule rule : index.rules(position)) {
            if (rule.matches(hostConfig)) {
                terms.add(new Term("rule " + rule.name() + ": " + rule.condition(), rule.score()));
            }
        }
        for (Constraint.Colocation colocation : index.colocations(position)) {
            String other = other(colocation, resource.name());
            String what = (colocation.antiAffinity() ? "anti-affinity " : "colocation ") + colocation.name() + ": ";
            if (!assigned.containsKey(other)) {
                terms.add(new Term(what + other + " is placed later or not at all", 0));
            } else if (name.equals(assigned.get(other))) {
                terms.add(new Term(what + "runs " + other, colocation.score()));
            } else if (colocation.score() >= Score.INFINITY) {
                terms.add(new Term(what + other + " runs on " + assigned.get(other), Score.MINUS_INFINITY));
            } else if (colocation.score() > 0) {
                terms.add(new Term(what + other + " runs on " + assigned.get(other), 0));
            }
        }
        return terms;
    }
}
