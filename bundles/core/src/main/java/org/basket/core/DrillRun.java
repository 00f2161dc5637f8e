package org.basket.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.basket.api.cluster.ClusterEvent;
import org.basket.api.cluster.DrillPlan;
import org.basket.api.cluster.DrillPlan.Outage;
import org.basket.api.cluster.DrillReport;
import org.basket.api.cluster.EventKind;
import org.basket.api.model.ClusterConfig;
import org.basket.api.model.ClusterState;
import org.basket.api.model.ResourceStatus;
import org.basket.core.site.Grant;
import org.basket.core.site.GrantStore;
import org.basket.core.site.SiteGroup;
import org.basket.scheduler.Plan;
import org.basket.scheduler.PlanInput;
import org.basket.scheduler.Scheduler;

/**
 * A drill and a move of a grant, over the control loop: the grant stands down (the group may run nowhere, so the
 * scheduler stops it in reverse order), then lands on the other site (the scheduler starts it there in order); this
 * class only moves the grant and watches the observed state. Planned first on the scheduler, so that a drill the other
 * site cannot carry, or that would move or stop anything running outside the group, is refused before anything is done.
 */
final class DrillRun {
    /** How often the observed state is looked at while a drill waits. */
    static final Duration LOOK = Duration.ofMillis(100);
    private final ClusterManager manager;
    private final GrantStore grants;
    private final SiteFacts facts;
    private final Duration timeout;
    /** Wakes the control loop after the grant moved. */
    private final Runnable replan;

    DrillRun(ClusterManager manager, GrantStore grants, SiteFacts facts, Duration timeout, Runnable replan) {
        this.manager = manager;
        this.replan = replan;
        this.grants = grants;
        this.facts = facts;
        this.timeout = timeout;
    }

    /** The plan of a drill, or the reason it is refused (IllegalStateException); {@code previous}: the last drill there. */
    DrillPlan plan(String name, String to, Optional<DrillReport> previous) {
        SiteGroup group = facts.group(name);
        List<String> targetHosts = facts.hostsOf(to);
        String from = requireMovable(group, to);
        List<String> missing = group.members().stream().filter(m -> !facts.config().resources().containsKey(m)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("refused: " + name + " names resources that are not configured: " + missing);
        }
        PlanInput last = manager.lastInput();
        Set<String> members = Set.copyOf(group.members());
        ClusterState stopped = withStopped(last.state(), group);
        Map<String, Grant> there = new HashMap<>(facts.grants());
        there.put(name, Grant.heldBy(to));
        Map<String, Grant> nowhere = new HashMap<>(facts.grants());
        nowhere.put(name, Grant.standingDown(to));
        Scheduler scheduler = new Scheduler(last.options());
        ClusterConfig planned = facts.planned(there);
        Plan drill = new PlanInput(planned, stopped, last.now(), last.options()).plan(scheduler);
        Plan without = new PlanInput(facts.planned(nowhere), stopped, last.now(), last.options()).plan(scheduler);
        Map<String, String> reasons = ResourceReasons.of(facts.config(), planned, drill.transition());
        Map<String, String> hostOf = new LinkedHashMap<>();
        for (String member : group.members()) {
            Optional<String> host = drill.hostOf(member);
            if (host.isEmpty() || !targetHosts.contains(host.get())) {
                throw new IllegalStateException("refused: site " + to + " cannot run " + member + ": "
                        + reasons.getOrDefault(member, "the scheduler places it nowhere there")
                        + "; nothing was done");
            }
            hostOf.put(member, host.get());
        }
        for (String other : facts.config().resources().keySet()) {
            if (members.contains(other) || !last.state().resource(other).isActive()) {
                continue; // where a stopped resource would be placed is no disturbance
            }
            Optional<String> before = without.hostOf(other);
            Optional<String> after = drill.hostOf(other);
            if (!before.equals(after)) {
                throw new IllegalStateException("refused: the drill would " + (after.isEmpty() ? "stop " + other
                        + " (on " + before.orElse("") + ")" : "move " + other + " from " + before.orElse("nowhere")
                        + " to " + after.get()) + ", which is outside group " + name + "; nothing was done");
            }
        }
        List<String> steps = new ArrayList<>();
        steps.add("stand down the grant of " + name + " on site " + from);
        List<String> reverse = new ArrayList<>(group.members());
        java.util.Collections.reverse(reverse);
        steps.add("stop on " + from + ", in this order: " + String.join(", ", reverse));
        steps.add("move the grant to site " + to);
        group.members().forEach(m -> steps.add("start " + m + " on " + hostOf.get(m)));
        steps.add("verify each member running on " + to + " (guest services: healthy by their monitor, through"
                + " the guest agent), and measure each one's outage from the first stop");
        return expected(group, from, to, steps, hostOf, previous);
    }

    private DrillPlan expected(SiteGroup group, String from, String to, List<String> steps, Map<String, String> hostOf,
                               Optional<DrillReport> previous) {
        List<Outage> expected = new ArrayList<>();
        if (previous.isPresent() && previous.get().completed()) {
            previous.get().outages().forEach(o -> expected.add(new Outage(o.resource(), hostOf.get(o.resource()),
                    o.outage())));
            return new DrillPlan(group.name(), from, to, steps, expected, "the last drill of " + group.name()
                    + " to " + to + ", at " + previous.get().started());
        }
        Map<String, Duration> starts = lastDurations("start ");
        Map<String, Duration> stops = lastDurations("stop ");
        Duration stopping = Duration.ZERO;
        List<String> unknown = new ArrayList<>();
        for (String member : group.members()) {
            stopping = stopping.plus(stops.getOrDefault(member, Duration.ZERO));
            if (!stops.containsKey(member)) {
                unknown.add("stop " + member);
            }
        }
        Duration starting = stopping;
        for (String member : group.members()) {
            starting = starting.plus(starts.getOrDefault(member, Duration.ZERO));
            if (!starts.containsKey(member)) {
                unknown.add("start " + member);
            }
            expected.add(new Outage(member, hostOf.get(member), starting));
        }
        return new DrillPlan(group.name(), from, to, steps, expected, "the last start and stop of each member in the"
                + " event log, one after the other, plus observation delays" + (unknown.isEmpty() ? ""
                : "; not known, counted as 0: " + String.join(", ", unknown)));
    }

    /** The duration of the latest successful action of each resource that begins with {@code verb}, from the events. */
    private Map<String, Duration> lastDurations(String verb) {
        Map<String, Duration> took = new HashMap<>();
        for (ClusterEvent event : manager.events(2000)) {
            if (event.kind() == EventKind.ACTION_DONE && event.action().startsWith(verb) && event.duration().isPresent()
                    && !event.resource().isEmpty()) {
                took.put(event.resource(), event.duration().get());
            }
        }
        return took;
    }

    /** Runs the drill; the plan was made and printed by the caller, and is made again here right before. */
    DrillReport run(String name, String to, Consumer<String> progress) throws InterruptedException {
        DrillPlan plan = plan(name, to, Optional.empty());
        SiteGroup group = facts.group(name);
        EngineTime time = manager.time();
        Instant started = time.clock().instant();
        long start = time.nanoTime();
        grants.write(name, Grant.standingDown(to));
        replan.run();
        progress.accept("grant of " + name + " stood down on site " + plan.from() + "; stopping in reverse order");
        Map<String, Duration> stops = waitFor(group, status -> !status.isActive(), start, "stopped", progress);
        Duration stopped = Duration.ofNanos(time.nanoTime() - start);
        if (stops.size() < group.members().size()) {
            return new DrillReport(name, plan.from(), to, false, "not stopped within " + timeout.toSeconds() + " s: "
                    + notIn(group, stops) + "; the grant stays stood down (ha:grant-move " + name + " --to SITE ends it)",
                    started, stopped, List.of());
        }
        grants.write(name, Grant.heldBy(to));
        replan.run();
        progress.accept("group stopped in " + seconds(stopped) + "; grant moved to site " + to + "; starting in order");
        List<String> targetHosts = facts.hostsOf(to);
        Map<String, Duration> backs = waitFor(group, status -> status.activeOn().size() == 1
                && targetHosts.contains(status.activeOn().get(0)), start, "running again", progress);
        List<Outage> outages = new ArrayList<>();
        for (String member : group.members()) {
            if (backs.containsKey(member)) {
                outages.add(new Outage(member, manager.snapshot().state().resource(member).activeOn().get(0),
                        backs.get(member)));
            }
        }
        boolean completed = backs.size() == group.members().size();
        return new DrillReport(name, plan.from(), to, completed, completed ? "" : "not running on " + to + " within "
                + timeout.toSeconds() + " s: " + notIn(group, backs) + "; the grant stays on " + to, started, stopped,
                outages);
    }

    /** Moves the grant by the operator's word: stand down, wait until the group stopped, land. */
    void move(String name, String to, Consumer<String> progress) throws InterruptedException {
        SiteGroup group = facts.group(name);
        facts.hostsOf(to);
        Grant grant = facts.grant(group);
        if (grant.site().equals(to)) {
            throw new IllegalStateException(name + ": site " + to + " holds its grant already");
        }
        long start = manager.time().nanoTime();
        grants.write(name, Grant.standingDown(to));
        replan.run();
        progress.accept("grant of " + name + " stood down" + (grant.stoodDown() ? "" : " on site " + grant.site())
                + "; stopping the group");
        Map<String, Duration> stops = waitFor(group, status -> !status.isActive(), start, "stopped", progress);
        if (stops.size() < group.members().size()) {
            throw new IllegalStateException("not stopped within " + timeout.toSeconds() + " s: " + notIn(group, stops)
                    + "; the grant stays stood down and the group stopped");
        }
        grants.write(name, Grant.heldBy(to));
        replan.run();
        progress.accept("grant of " + name + " moved to site " + to);
    }

    private String requireMovable(SiteGroup group, String to) {
        Grant grant = facts.grant(group);
        if (grant.stoodDown()) {
            throw new IllegalStateException("refused: the grant of " + group.name() + " is stood down (moving to "
                    + grant.movingTo() + "); end that with ha:grant-move first");
        }
        if (grant.site().equals(to)) {
            throw new IllegalStateException("refused: " + group.name() + " runs on site " + to + " already");
        }
        return grant.site();
    }

    /** When each member first met the condition after {@code start}, telling each; at most the drill's timeout. */
    private Map<String, Duration> waitFor(SiteGroup group, Predicate<ResourceStatus> condition, long start, String what,
                                          Consumer<String> progress) throws InterruptedException {
        EngineTime time = manager.time();
        Map<String, Duration> seen = new LinkedHashMap<>();
        long deadline = time.nanoTime() + timeout.toNanos();
        while (true) {
            ClusterState state = manager.snapshot().state();
            for (String member : group.members()) {
                if (!seen.containsKey(member) && condition.test(state.resource(member))) {
                    Duration at = Duration.ofNanos(time.nanoTime() - start);
                    seen.put(member, at);
                    List<String> on = state.resource(member).activeOn();
                    progress.accept("  " + member + " " + what + (on.isEmpty() ? "" : " on " + on.get(0)) + " at +"
                            + seconds(at));
                }
            }
            if (seen.size() == group.members().size() || time.nanoTime() >= deadline) {
                return seen;
            }
            time.sleep(LOOK);
        }
    }

    private static ClusterState withStopped(ClusterState state, SiteGroup group) {
        SortedMap<String, ResourceStatus> resources = new TreeMap<>(state.resources());
        for (String member : group.members()) {
            ResourceStatus now = state.resource(member);
            resources.put(member, new ResourceStatus(member, List.of(), "", now.failCounts(), now.maintenance(),
                    now.lastFailures()));
        }
        return new ClusterState(state.hosts(), resources);
    }

    private static List<String> notIn(SiteGroup group, Map<String, ?> done) {
        return group.members().stream().filter(m -> !done.containsKey(m)).toList();
    }

    static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
