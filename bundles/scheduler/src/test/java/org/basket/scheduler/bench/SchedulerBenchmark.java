package org.basket.scheduler.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.basket.api.plan.Action;
import org.basket.api.plan.Ordering;
import org.basket.scheduler.Plan;
import org.basket.scheduler.Scheduler;
import org.basket.scheduler.bench.SyntheticCluster.Event;
import org.basket.scheduler.bench.SyntheticCluster.Spec;

/**
 * Times {@link Scheduler#plan} on synthetic clusters ({@link SyntheticCluster}). Not a unit test: run it by
 * hand, with nothing else running on the machine.
 *
 * <pre>
 * scripts/bench-scheduler.sh                                   1,000 x 10,000 x 10,000, then 10,000 x 100,000 x 100,000
 * scripts/bench-scheduler.sh 10000 100000 100000               one size
 * scripts/bench-scheduler.sh 1000 10000 10000 --runs 10 --warmup 5 --cases steady,unclean --seed 7 --timeout 60 --no-gc
 * </pre>
 *
 * For each size and case it generates the cluster, plans {@code --warmup} times untimed (the JIT compiles the
 * scheduler), then {@code --runs} times timed, and prints the minimum, median and maximum, the bytes allocated
 * per plan, the live heap with the input and one plan held after a full GC, the plan's size and a hash of the
 * plan (actions, orderings, notes, placement): the same hash means the same plan, whichever scheduler version
 * made it. It times two ways: "new configuration", a new {@link Scheduler} for each plan, so that each plan
 * also indexes the configuration (as after a configuration change); and "same configuration", one scheduler
 * that planned this configuration instance before (as when only the observed state changed). Cases:
 *
 * <ul>
 * <li>{@code steady}: every host online, 2 % of the VMs new and stopped: the plan starts them;</li>
 * <li>{@code unclean}: one host lost: fence it, recover its VMs elsewhere;</li>
 * <li>{@code standby}: one host drained: its VMs migrate away;</li>
 * <li>{@code cold}: nothing runs yet: the plan starts everything.</li>
 * </ul>
 *
 * Each measured run starts after a full GC ({@code System.gc()}; {@code --no-gc} to leave it out), so that the
 * garbage of the runs before does not land in it; a collection that the plan's own allocation causes counts. A run
 * longer than {@code --timeout} seconds (default 300) ends the benchmark with {@code > N s}.
 */
public final class SchedulerBenchmark {
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private int warmup = 3;
    private int runs = 5;
    private long seed = 42;
    private long timeoutSeconds = 300;
    private boolean gcBeforeRun = true;
    private List<String> cases = List.of("steady", "unclean", "standby", "cold");
    private final List<int[]> sizes = new ArrayList<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "plan");
        thread.setDaemon(true);
        return thread;
    });

    public static void main(String[] args) throws Exception {
        SchedulerBenchmark benchmark = new SchedulerBenchmark();
        benchmark.parse(args);
        benchmark.run();
    }

    private void parse(String[] args) {
        List<Integer> numbers = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--timeout" -> timeoutSeconds = Long.parseLong(args[++i]);
                case "--cases" -> cases = List.of(args[++i].split(","));
                case "--no-gc" -> gcBeforeRun = false;
                default -> numbers.add(Integer.parseInt(args[i]));
            }
        }
        if (numbers.isEmpty()) {
            sizes.add(new int[] {1_000, 10_000, 10_000});
            sizes.add(new int[] {10_000, 100_000, 100_000});
        } else if (numbers.size() % 3 == 0) {
            for (int i = 0; i < numbers.size(); i += 3) {
                sizes.add(new int[] {numbers.get(i), numbers.get(i + 1), numbers.get(i + 2)});
            }
        } else {
            throw new IllegalArgumentException("sizes come in threes: HOSTS VMS SERVICES");
        }
    }

    private void run() throws Exception {
        System.out.printf(Locale.ROOT, "Basket scheduler benchmark: %d CPUs, max heap %d MB, Java %s, %d warm-up runs,"
                        + " %d measured runs%n", Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.version"), warmup, runs);
        for (int[] size : sizes) {
            for (String name : cases) {
                if (!measure(name, size)) {
                    return;
                }
            }
        }
    }

    private boolean measure(String name, int[] size) throws Exception {
        Spec spec = Spec.of(size[0], size[1], size[2], Event.NONE, seed);
        spec = switch (name) {
            case "steady" -> spec;
            case "unclean" -> spec.with(Event.UNCLEAN);
            case "standby" -> spec.with(Event.STANDBY);
            case "cold" -> spec.withStoppedPercent(100);
            default -> throw new IllegalArgumentException("case: steady, unclean, standby or cold, not " + name);
        };
        long t0 = System.nanoTime();
        SyntheticCluster cluster = SyntheticCluster.generate(spec);
        System.out.printf(Locale.ROOT, "%n%s: %s%n  generated in %d ms%s%n", name, spec,
                (System.nanoTime() - t0) / 1_000_000,
                cluster.eventHost().isEmpty() ? "" : "; " + cluster.eventHost() + " is " + name);

        Plan plan = null;
        Scheduler same = new Scheduler();
        for (String way : List.of("new configuration", "same configuration")) {
            for (int i = 0; i < warmup; i++) {
                Timed timed = timed(cluster, way.startsWith("new") ? new Scheduler() : same);
                if (timed == null) {
                    return false;
                }
                plan = timed.plan;
            }
            double[] millis = new double[runs];
            long allocated = 0;
            for (int i = 0; i < runs; i++) {
                if (gcBeforeRun) {
                    System.gc();
                }
                Timed timed = timed(cluster, way.startsWith("new") ? new Scheduler() : same);
                if (timed == null) {
                    return false;
                }
                millis[i] = timed.nanos / 1e6;
                allocated += timed.allocatedBytes;
                if (plan != null && !plan.equals(timed.plan)) {
                    System.out.println("  NOT DETERMINISTIC: two runs gave different plans");
                }
                plan = timed.plan;
            }
            Arrays.sort(millis);
            System.gc();
            long live = MEMORY.getHeapMemoryUsage().getUsed();
            System.out.printf(Locale.ROOT, "  plan, %s: min %.1f ms, median %.1f ms, max %.1f ms; allocated %d MB"
                            + " a plan; live heap with input and plan %d MB%n", way, millis[0], millis[runs / 2],
                    millis[runs - 1], runs == 0 ? 0 : allocated / runs >> 20, live >> 20);
        }
        if (plan != null) {
            System.out.println("  " + describe(plan));
        }
        return true;
    }

    private record Timed(Plan plan, long nanos, long allocatedBytes) {
    }

    /** One plan on the worker thread; null after printing when it takes longer than the timeout. */
    private Timed timed(SyntheticCluster cluster, Scheduler scheduler) throws InterruptedException, ExecutionException {
        Future<Timed> future = worker.submit(() -> {
            long before = allocatedBytes();
            long start = System.nanoTime();
            Plan plan = scheduler.plan(cluster.config(), cluster.state());
            long nanos = System.nanoTime() - start;
            return new Timed(plan, nanos, allocatedBytes() - before);
        });
        try {
            return future.get(timeoutSeconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            System.out.printf("  plan: > %d s, gave up%n", timeoutSeconds);
            System.out.flush();
            Runtime.getRuntime().halt(2); // the planning thread cannot be stopped
            return null;
        }
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    /** Counts by kind and a hash of the whole plan. */
    public static String describe(Plan plan) {
        Map<String, Integer> kinds = new java.util.TreeMap<>();
        for (Action action : plan.transition().actions()) {
            kinds.merge(action.getClass().getSimpleName().toLowerCase(Locale.ROOT), 1, Integer::sum);
        }
        return plan.transition().actions().size() + " actions " + kinds + ", "
                + plan.transition().orderings().size() + " orderings, " + plan.transition().notes().size()
                + " notes, " + plan.placement().size() + " placed; plan hash " + hash(plan);
    }

    /** SHA-256 of actions, orderings, notes and placement, in their order: equal plans, equal hashes. */
    public static String hash(Plan plan) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (Action action : plan.transition().actions()) {
            update(digest, "a " + action);
        }
        for (Ordering ordering : plan.transition().orderings()) {
            update(digest, "o " + ordering);
        }
        for (String note : plan.transition().notes()) {
            update(digest, "n " + note);
        }
        plan.placement().forEach((resource, host) -> update(digest, "p " + resource + " " + host));
        return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
    }

    private static void update(MessageDigest digest, String line) {
        digest.update(line.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) '\n');
    }
}
