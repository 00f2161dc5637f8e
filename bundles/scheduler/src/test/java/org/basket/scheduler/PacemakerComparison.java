package org.basket.scheduler;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.basket.api.model.ClusterConfig;
import org.basket.api.model.ClusterState;
import org.basket.api.model.HostState;
import org.basket.api.model.ResourceStatus;
import org.basket.api.plan.Action;
import org.basket.scheduler.ScenarioReader.Scenario;
import org.basket.scheduler.bench.PacemakerCib;
import org.basket.scheduler.bench.ScenarioWriter;
import org.basket.scheduler.bench.SchedulerBenchmark;
import org.basket.scheduler.bench.SyntheticCluster;

/**
 * Basket's side of {@code scripts/bench-pacemaker.sh}: the same synthetic cluster planned by Basket and by
 * Pacemaker's {@code crm_simulate}.
 *
 * <pre>
 * export HOSTS VMS SERVICES EVENT SEED DIR   one synthetic cluster (EVENT: steady, unclean or standby) as DIR/cib.xml
 *                                            for crm_simulate and DIR/input.yaml (a scenario input) for Basket
 * compare DIR [RUNS]                         plans DIR/input.yaml, reads crm_simulate's output DIR/crm_simulate.txt
 *                                            and its wall time DIR/crm_simulate.seconds; prints both times, the
 *                                            ratio and how the two plans move resources
 * </pre>
 *
 * Moves are compared resource by resource, in words both schedulers share: {@code migrate} (live, a -> b),
 * {@code recover} (it ran on the lost host, starts on b), {@code move} (stops on a, starts on b), {@code stop},
 * {@code start} (was stopped) and {@code restart} (stops and starts where it was). A guest service whose VM
 * migrates moves inside it with no action of Basket's; Pacemaker, which has no service inside a VM, stops and
 * starts it: both count as a move of the service.
 */
public final class PacemakerComparison {
    private static final Pattern SUMMARY = Pattern.compile(
            "^\\s*\\* (Start|Stop|Move|Migrate|Recover|Restart)\\s+(\\S+)\\s+\\(\\s*(\\S+)(?:\\s*->\\s*(\\S+))?\\s*\\)");
    private static final Pattern FENCE = Pattern.compile("^\\s*\\* Fence \\(\\w+\\) (\\S+)");
    private static final Set<String> MOVES = Set.of("migrate", "recover", "move", "stop");

    /** What a plan does with one resource. */
    record Move(String kind, String from, String to) {
        @Override
        public String toString() {
            return kind + (from.isEmpty() ? "" : " " + from) + (to.isEmpty() ? "" : (from.isEmpty() ? " " : " -> ") + to);
        }
    }

    private PacemakerComparison() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length >= 7 && args[0].equals("export")) {
            export(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]), args[4],
                    Long.parseLong(args[5]), Path.of(args[6]));
        } else if (args.length >= 2 && args[0].equals("compare")) {
            compare(Path.of(args[1]), args.length > 2 ? Integer.parseInt(args[2]) : 10);
        } else {
            System.err.println("usage: export HOSTS VMS SERVICES steady|unclean|standby SEED DIR | compare DIR [RUNS]");
            System.exit(2);
        }
    }

    private static void export(int hosts, int vms, int services, String event, long seed, Path dir) throws IOException {
        SyntheticCluster.Spec spec = SyntheticCluster.Spec.of(hosts, vms, services, SyntheticCluster.Event.NONE, seed)
                .with(switch (event) {
                    case "steady" -> SyntheticCluster.Event.NONE;
                    case "unclean" -> SyntheticCluster.Event.UNCLEAN;
                    case "standby" -> SyntheticCluster.Event.STANDBY;
                    default -> throw new IllegalArgumentException("event: steady, unclean or standby");
                });
        SyntheticCluster cluster = SyntheticCluster.generate(spec);
        Files.createDirectories(dir);
        try (Writer out = Files.newBufferedWriter(dir.resolve("cib.xml"), StandardCharsets.UTF_8)) {
            PacemakerCib.write(cluster.config(), cluster.state(), Scheduler.DEFAULT_STICKINESS, out);
        }
        try (Writer out = Files.newBufferedWriter(dir.resolve("input.yaml"), StandardCharsets.UTF_8)) {
            ScenarioWriter.write(cluster.config(), cluster.state(), Scheduler.DEFAULT_STICKINESS,
                    "synthetic " + spec, out);
        }
        System.out.println(spec + (cluster.eventHost().isEmpty() ? "" : "; " + cluster.eventHost() + " is " + event));
    }

    private static void compare(Path dir, int runs) throws IOException {
        long t0 = System.nanoTime();
        Scenario scenario = ScenarioReader.read(dir.resolve("input.yaml"), dir.resolve("input.yaml").toString());
        long read = System.nanoTime() - t0;
        ClusterConfig config = scenario.config();
        ClusterState state = scenario.state();

        long t1 = System.nanoTime();
        Plan plan = new Scheduler(scenario.stickiness()).plan(config, state);
        double first = (System.nanoTime() - t1) / 1e6;
        for (int i = 0; i < Math.max(20, runs); i++) {
            new Scheduler(scenario.stickiness()).plan(config, state);
        }
        double[] millis = new double[runs];
        for (int i = 0; i < runs; i++) {
            System.gc();
            long t = System.nanoTime();
            Plan again = new Scheduler(scenario.stickiness()).plan(config, state);
            millis[i] = (System.nanoTime() - t) / 1e6;
            if (!again.equals(plan)) {
                throw new IllegalStateException("two plans of the same input differ");
            }
        }
        Arrays.sort(millis);
        double median = millis[runs / 2];

        double pacemaker = Double.parseDouble(Files.readString(dir.resolve("crm_simulate.seconds")).trim());
        List<String> output = Files.readAllLines(dir.resolve("crm_simulate.txt"), StandardCharsets.UTF_8);
        Set<String> lost = new TreeSet<>();
        state.hosts().values().stream().filter(h -> h.state() == HostState.UNCLEAN).forEach(h -> lost.add(h.name()));
        Set<String> pacemakerFenced = new TreeSet<>();
        Map<String, Move> theirs = pacemakerMoves(output, lost, pacemakerFenced);
        Set<String> basketFenced = new TreeSet<>();
        Map<String, Move> ours = basketMoves(config, state, plan, lost, basketFenced);

        System.out.printf(Locale.ROOT, "crm_simulate -S: %.2f s (whole run)%n", pacemaker);
        System.out.printf(Locale.ROOT, "Basket: %.1f ms a plan (median of %d after warm-up, configuration indexed"
                        + " each time); first plan in a fresh JVM %.1f ms; reading input.yaml %.0f ms%n", median, runs,
                first, read / 1e6);
        System.out.printf(Locale.ROOT, "ratio: %.0fx (warm), %.0fx (first plan)%n", pacemaker * 1000 / median,
                pacemaker * 1000 / first);
        System.out.println("plan hash " + SchedulerBenchmark.hash(plan));
        System.out.println("fence: Basket " + basketFenced + ", Pacemaker " + pacemakerFenced
                + (basketFenced.equals(pacemakerFenced) ? ": same" : ": DIFFERENT"));

        Map<String, Move> ourMoves = only(ours, MOVES);
        Map<String, Move> theirMoves = only(theirs, MOVES);
        boolean sameResources = ourMoves.keySet().equals(theirMoves.keySet());
        boolean sameKinds = sameResources && ourMoves.entrySet().stream()
                .allMatch(e -> e.getValue().kind().equals(theirMoves.get(e.getKey()).kind()));
        long sameDestination = ourMoves.entrySet().stream().filter(e -> theirMoves.containsKey(e.getKey())
                && e.getValue().to().equals(theirMoves.get(e.getKey()).to())).count();
        System.out.println("moves (migrate, recover, move, stop): Basket " + ourMoves.size() + " " + kinds(ourMoves)
                + ", Pacemaker " + theirMoves.size() + " " + kinds(theirMoves));
        System.out.println("  same resources: " + yes(sameResources) + "; same kind of move: " + yes(sameKinds)
                + "; same destination host: " + sameDestination + " of " + ourMoves.size());
        long carried = ours.values().stream().filter(m -> m.kind().equals("move") && m.from().endsWith("*")).count();
        if (carried > 0) {
            System.out.println("  of Basket's moves, " + carried + " are guest services carried inside their migrating"
                    + " VM, with no action; Pacemaker stops and starts them");
        }
        Map<String, Move> ourStarts = only(ours, Set.of("start"));
        Map<String, Move> theirStarts = only(theirs, Set.of("start"));
        long sameStartHost = ourStarts.entrySet().stream().filter(e -> theirStarts.containsKey(e.getKey())
                && e.getValue().to().equals(theirStarts.get(e.getKey()).to())).count();
        System.out.println("starts: Basket " + ourStarts.size() + ", Pacemaker " + theirStarts.size()
                + "; same resources: " + yes(ourStarts.keySet().equals(theirStarts.keySet())) + "; same host: "
                + sameStartHost + " of " + ourStarts.size());
        Map<String, Move> theirRestarts = only(theirs, Set.of("restart"));
        Map<String, Move> ourRestarts = only(ours, Set.of("restart"));
        if (!theirRestarts.isEmpty() || !ourRestarts.isEmpty()) {
            System.out.println("restarts in place: Basket " + ourRestarts.size() + ", Pacemaker " + theirRestarts.size()
                    + " (both restart the then of a Mandatory order whose first restarts; Pacemaker also when first"
                    + " starts or moves, Basket not when first live-migrates)");
        }
        List<String> differences = new ArrayList<>();
        Set<String> all = new TreeSet<>(ourMoves.keySet());
        all.addAll(theirMoves.keySet());
        for (String r : all) {
            Move a = ourMoves.get(r);
            Move b = theirMoves.get(r);
            if (a == null || b == null || !a.kind().equals(b.kind())) {
                differences.add(r + ": Basket " + (a == null ? "-" : a) + ", Pacemaker " + (b == null ? "-" : b));
            }
        }
        differences.stream().limit(10).forEach(d -> System.out.println("  differs: " + d));
        if (differences.size() > 10) {
            System.out.println("  ... " + (differences.size() - 10) + " more");
        }
        System.out.printf(Locale.ROOT, "RESULT pacemaker_s=%.2f basket_ms=%.1f basket_first_ms=%.1f ratio=%.0f"
                        + " moves_basket=%d moves_pacemaker=%d same_moves=%s%n", pacemaker, median, first,
                pacemaker * 1000 / median, ourMoves.size(), theirMoves.size(), yes(sameKinds));
    }

    private static String yes(boolean value) {
        return value ? "yes" : "no";
    }

    private static Map<String, Move> only(Map<String, Move> moves, Set<String> kinds) {
        Map<String, Move> some = new TreeMap<>();
        moves.forEach((r, m) -> {
            if (kinds.contains(m.kind())) {
                some.put(r, new Move(m.kind(), m.from().replace("*", ""), m.to()));
            }
        });
        return some;
    }

    private static Map<String, Integer> kinds(Map<String, Move> moves) {
        Map<String, Integer> counts = new TreeMap<>();
        moves.values().forEach(m -> counts.merge(m.kind(), 1, Integer::sum));
        return counts;
    }

    /** The transition summary of crm_simulate, in shared words; the stonith device left out. */
    static Map<String, Move> pacemakerMoves(List<String> output, Set<String> lost, Set<String> fenced) {
        Map<String, Move> moves = new TreeMap<>();
        boolean inSummary = false;
        for (String line : output) {
            if (line.startsWith("Transition Summary")) {
                inSummary = true;
                continue;
            }
            if (line.startsWith("Executing Cluster Transition") || line.startsWith("Revised Cluster Status")) {
                inSummary = false;
            }
            if (!inSummary) {
                continue;
            }
            Matcher fence = FENCE.matcher(line);
            if (fence.find()) {
                fenced.add(fence.group(1));
                continue;
            }
            Matcher m = SUMMARY.matcher(line);
            if (!m.find() || m.group(2).equals("fencing")) {
                continue;
            }
            String verb = m.group(1);
            String a = m.group(3);
            String b = m.group(4);
            Move move = switch (verb) {
                case "Start" -> new Move("start", "", a);
                case "Stop" -> new Move("stop", a, "");
                case "Migrate" -> new Move("migrate", a, b);
                case "Move" -> new Move(lost.contains(a) ? "recover" : "move", a, b);
                case "Recover" -> b == null ? new Move("restart", a, a) : new Move("recover", a, b);
                default -> new Move("restart", a, a);
            };
            moves.put(m.group(2), move);
        }
        return moves;
    }

    /**
     * Basket's plan in shared words. A guest service that changes host without an action moves inside its VM: a
     * move whose source is marked with {@code *}.
     */
    static Map<String, Move> basketMoves(ClusterConfig config, ClusterState state, Plan plan, Set<String> lost,
                                         Set<String> fenced) {
        Map<String, List<Action>> byResource = new TreeMap<>();
        for (Action action : plan.transition().actions()) {
            if (action instanceof Action.Fence fence) {
                fenced.add(fence.host());
            } else {
                byResource.computeIfAbsent(action.resource().orElseThrow(), k -> new ArrayList<>()).add(action);
            }
        }
        Set<String> names = new TreeSet<>(config.resources().keySet());
        names.addAll(byResource.keySet());
        Map<String, Move> moves = new TreeMap<>();
        for (String r : names) {
            ResourceStatus before = state.resource(r);
            String from = before.activeOn().isEmpty() ? "" : before.activeOn().get(0);
            String after = plan.placement().get(r);
            List<Action> actions = byResource.getOrDefault(r, List.of());
            Action.Migrate migrate = (Action.Migrate) actions.stream().filter(a -> a instanceof Action.Migrate)
                    .findFirst().orElse(null);
            Action.Start start = (Action.Start) actions.stream().filter(a -> a instanceof Action.Start).findFirst()
                    .orElse(null);
            boolean stops = actions.stream().anyMatch(a -> a instanceof Action.Stop);
            if (migrate != null) {
                moves.put(r, new Move("migrate", migrate.from(), migrate.to()));
            } else if (start != null) {
                if (from.isEmpty()) {
                    moves.put(r, new Move("start", "", start.host()));
                } else if (before.activeOn().contains(start.host())) {
                    moves.put(r, new Move("restart", start.host(), start.host()));
                } else {
                    moves.put(r, new Move(lost.contains(from) ? "recover" : "move", from, start.host()));
                }
            } else if (stops && after == null) {
                moves.put(r, new Move("stop", from, ""));
            } else if (after != null && !from.isEmpty() && !before.activeOn().contains(after)) {
                moves.put(r, new Move("move", from + "*", after)); // inside its migrating VM
            }
        }
        return moves;
    }
}
