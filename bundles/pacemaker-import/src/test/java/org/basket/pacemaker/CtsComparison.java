package org.basket.pacemaker;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.basket.api.model.Capacity;
import org.basket.api.model.ClusterConfig;
import org.basket.api.model.ClusterState;
import org.basket.api.model.Resource;
import org.basket.api.model.ResourceKind;
import org.basket.api.model.ResourceStatus;
import org.basket.api.model.Score;
import org.basket.api.plan.Action;
import org.basket.pacemaker.PacemakerSummary.Change;
import org.basket.scheduler.ConfigValidator;
import org.basket.scheduler.Plan;
import org.basket.scheduler.PlacementStrategy;
import org.basket.scheduler.Scheduler;
import org.basket.scheduler.SchedulerOptions;

/**
 * {@code scripts/compare-pacemaker-cts.sh DIR}: every case of Pacemaker's scheduler regression suite in DIR
 * ({@code xml/NAME.xml}, {@code summary/NAME.summary}) imported, planned by Basket's scheduler and compared with
 * Pacemaker's Transition Summary: per resource the kind of change and its hosts, and the nodes fenced.
 */
public final class CtsComparison {
    /** One case's outcome: {@code same}, {@code differs} or {@code not importable}, and how. */
    record Outcome(String name, String verdict, String detail) {
    }

    private CtsComparison() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: CtsComparison DIR [DOC.md]");
            System.exit(2);
        }
        List<Outcome> outcomes = compareAll(Path.of(args[0]));
        outcomes.forEach(o -> System.out.println(o.name() + ": " + o.verdict() + (o.detail().isEmpty() ? ""
                : ": " + o.detail())));
        String total = total(outcomes);
        System.out.println(total);
        if (args.length > 1) {
            Files.writeString(Path.of(args[1]), CompatibilityDoc.of(outcomes, total), StandardCharsets.UTF_8);
        }
    }

    static List<Outcome> compareAll(Path dir) throws IOException {
        List<Path> cases;
        try (Stream<Path> files = Files.list(dir.resolve("xml"))) {
            cases = files.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (Path xml : cases) {
            String name = xml.getFileName().toString().replaceFirst("\\.xml$", "");
            Path summary = dir.resolve("summary").resolve(name + ".summary");
            if (Files.exists(summary)) {
                outcomes.add(compare(name, xml, summary));
            }
        }
        return outcomes;
    }

    static String total(List<Outcome> outcomes) {
        long same = outcomes.stream().filter(o -> o.verdict().equals("same")).count();
        long differs = outcomes.stream().filter(o -> o.verdict().equals("differs")).count();
        long importable = same + differs;
        return String.format(Locale.ROOT, "total: %d cases, %d importable, %d same (%.1f %% of importable), %d differ,"
                + " %d not importable", outcomes.size(), importable, same,
                importable == 0 ? 0.0 : 100.0 * same / importable, differs, outcomes.size() - importable);
    }

    static Outcome compare(String name, Path xml, Path summaryFile) throws IOException {
        CibImport cib;
        try (InputStream in = Files.newInputStream(xml)) {
            cib = CibImport.read(in, xml.getFileName().toString());
        } catch (CibException e) {
            return new Outcome(name, "not importable", e.getMessage());
        }
        if (!cib.complete()) {
            Unmapped first = cib.unmapped().get(0);
            return new Outcome(name, "not importable", first.element() + " " + first.id() + ": " + first.reason());
        }
        ClusterConfig config = withFenceDevices(cib.utilization() ? cib.config() : withoutDemand(cib.config()), cib);
        ClusterState state = withFenceDevices(cib.state(), cib);
        List<String> rejected = new ArrayList<>();
        config = withoutRejected(config, rejected);
        SchedulerOptions options = new SchedulerOptions(cib.stickiness(),
                cib.packs() ? PlacementStrategy.FIRST_FIT : PlacementStrategy.BALANCED,
                SchedulerOptions.UNLIMITED, SchedulerOptions.UNLIMITED);
        Instant now = cib.now().orElse(null);
        Plan plan = new Scheduler(options).plan(config, state, now);
        if (Boolean.getBoolean("cts.notes")) { // -Dcts.notes=true: Basket's notes and placement of every case
            System.err.println(name + ": " + plan.transition().notes() + " " + plan.placement());
        }
        Set<String> ignored = new TreeSet<>();
        cib.fenceDevices().forEach(d -> ignored.add(d.id()));
        PacemakerSummary theirs = PacemakerSummary.parse(Files.readAllLines(summaryFile, StandardCharsets.UTF_8),
                ignored);
        Set<String> fenced = new TreeSet<>();
        Map<String, Change> ours = changes(config, state, plan, fenced);
        ignored.forEach(ours::remove);
        List<String> differences = new ArrayList<>();
        Set<String> all = new TreeSet<>(ours.keySet());
        all.addAll(theirs.changes().keySet());
        for (String r : all) {
            Change a = ours.get(r);
            Change b = theirs.changes().get(r);
            if (a == null || !a.equals(b)) {
                differences.add(r + ": Basket " + (a == null ? "-" : a) + ", Pacemaker " + (b == null ? "-" : b));
            }
        }
        if (!fenced.equals(theirs.fenced())) {
            differences.add("fenced: Basket " + fenced + ", Pacemaker " + theirs.fenced());
        }
        if (!differences.isEmpty()) {
            differences.addAll(0, rejected);
        }
        return differences.isEmpty() ? new Outcome(name, "same", "")
                : new Outcome(name, "differs", String.join("; ", differences));
    }

    /**
     * Pacemaker places its fence devices like resources, and counts them when it balances resources over nodes;
     * Basket runs fence agents from the manager. For the comparison they are host services where Pacemaker runs
     * them, so that both balance over the same counts; their own changes are not compared.
     */
    private static ClusterConfig withFenceDevices(ClusterConfig config, CibImport cib) {
        List<Resource> resources = new ArrayList<>(config.resources().values());
        for (CibImport.FenceDevice d : cib.fenceDevices()) {
            resources.add(new Resource(d.id(), ResourceKind.HOST_SERVICE, d.id(), Capacity.NONE, false, 0, true, "",
                    Score.INFINITY).withRank(cib.fenceRanks().getOrDefault(d.id(), 0)));
        }
        return new ClusterConfig(config.hosts(), new TreeMap<>(resources.stream()
                .collect(java.util.stream.Collectors.toMap(Resource::name, r -> r))), config.constraints());
    }

    private static ClusterState withFenceDevices(ClusterState state, CibImport cib) {
        List<ResourceStatus> statuses = new ArrayList<>(state.resources().values());
        cib.fenceDevicesOn().forEach((device, hosts) -> statuses.add(new ResourceStatus(device, hosts, "", Map.of())));
        return ClusterState.of(state.hosts().values(), statuses);
    }

    /** As the manager plans: without the constraints Basket's validator rejects (each named in {@code rejected}). */
    private static ClusterConfig withoutRejected(ClusterConfig config, List<String> rejected) {
        ConfigValidator validator = new ConfigValidator();
        Set<String> dropped = new TreeSet<>();
        List<ConfigValidator.Problem> found = validator.validate(config);
        while (!found.isEmpty()) {
            int before = dropped.size();
            for (ConfigValidator.Problem problem : found) {
                if (dropped.add(problem.constraint())) {
                    rejected.add("Basket rejects " + problem.constraint() + ": " + problem.reason());
                }
            }
            config = new ClusterConfig(config.hosts(), config.resources(), config.constraints().stream()
                    .filter(c -> !dropped.contains(c.name())).toList());
            if (dropped.size() == before) {
                break;
            }
            found = validator.validate(config);
        }
        return config;
    }

    private static ClusterConfig withoutDemand(ClusterConfig config) {
        List<Resource> resources = config.resources().values().stream().map(r -> new Resource(r.name(), r.kind(),
                r.domain(), Capacity.NONE, r.migratable(), r.priority(), r.enabled(), r.container(),
                r.migrationThreshold(), r.failureTimeout(), r.operations(), r.rank(), r.stickiness())).toList();
        return new ClusterConfig(config.hosts(), new TreeMap<>(resources.stream()
                .collect(java.util.stream.Collectors.toMap(Resource::name, r -> r))), config.constraints());
    }

    /** Basket's plan in the summary's words. */
    static Map<String, Change> changes(ClusterConfig config, ClusterState state, Plan plan, Set<String> fenced) {
        Map<String, List<Action>> byResource = new TreeMap<>();
        for (Action action : plan.transition().actions()) {
            if (action instanceof Action.Fence fence) {
                fenced.add(fence.host());
            } else if (!(action instanceof Action.Monitor)) {
                byResource.computeIfAbsent(action.resource().orElseThrow(), k -> new ArrayList<>()).add(action);
            }
        }
        Map<String, Change> changes = new TreeMap<>();
        for (Map.Entry<String, List<Action>> e : byResource.entrySet()) {
            String r = e.getKey();
            ResourceStatus before = state.resource(r);
            boolean failed = !before.failedOn().isEmpty();
            String from = !before.activeOn().isEmpty() ? before.activeOn().get(0) : before.failedOn();
            Action.Migrate migrate = null;
            Action.Start start = null;
            for (Action a : e.getValue()) {
                if (a instanceof Action.Migrate m) {
                    migrate = m;
                } else if (a instanceof Action.Start s) {
                    start = s;
                }
            }
            if (migrate != null) {
                changes.put(r, new Change("migrate", migrate.from(), migrate.to()));
            } else if (start != null) {
                if (from.isEmpty()) {
                    changes.put(r, new Change("start", "", start.host()));
                } else {
                    changes.put(r, new Change(failed ? "recover" : start.host().equals(from) ? "restart" : "move", from,
                            start.host()));
                }
            } else if (!from.isEmpty() && !plan.placement().containsKey(r)) {
                List<String> stopped = e.getValue().stream().filter(a -> a instanceof Action.Stop)
                        .map(a -> ((Action.Stop) a).host()).sorted().distinct().toList();
                changes.put(r, new Change("stop", stopped.isEmpty() ? from : String.join(",", stopped), ""));
            }
        }
        stoppedByFences(state, plan, fenced, byResource.keySet(), changes);
        return changes;
    }

    /**
     * A resource without actions that runs (or failed) where Basket fences and is not placed elsewhere: the fence
     * stops it, which Pacemaker's summary lists as its stop there (an action implied by the fence).
     */
    private static void stoppedByFences(ClusterState state, Plan plan, Set<String> fenced, Set<String> withActions,
                                        Map<String, Change> changes) {
        for (ResourceStatus status : state.resources().values()) {
            if (withActions.contains(status.name()) || plan.placement().containsKey(status.name())) {
                continue;
            }
            Set<String> hosts = new TreeSet<>(status.activeOn());
            if (!status.failedOn().isEmpty()) {
                hosts.add(status.failedOn());
            }
            hosts.retainAll(fenced);
            if (!hosts.isEmpty()) {
                changes.put(status.name(), new Change("stop", String.join(",", hosts), ""));
            }
        }
    }
}
