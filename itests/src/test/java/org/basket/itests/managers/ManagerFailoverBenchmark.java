package org.basket.itests.managers;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.basket.driver.sim.world.WorldAction;

/**
 * Measures manager failovers on the distribution ({@link ManagerCluster}: three managers, a three-server ensemble,
 * a world process), timed by the world's record of actions: (a) the leader killed (SIGKILL) during a drain -> the
 * first action of the new leader; (b) a host crashed and the leader killed at the same moment -> every restart of
 * that host's VMs issued. The killed manager is started again after each run. Run by scripts/bench-manager-failover.sh.
 *
 * <pre>java ... ManagerFailoverBenchmark RUNS DISTRIBUTION_TAR_GZ WORK_DIRECTORY</pre>
 */
public final class ManagerFailoverBenchmark {
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    /** The runs in which a start, stop or migration was done twice (a run moves VMs back that an earlier one moved). */
    private static final List<String> twice = new ArrayList<>();

    private ManagerFailoverBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = Integer.parseInt(args[0]);
        try (ManagerCluster cluster = ManagerCluster.start(Path.of(args[2]), Path.of(args[1]))) {
            cluster.awaitOneLeader();
            await(cluster, "every VM running", () -> cluster.everyVmRunsOnceAvoiding(List.of()));
            List<Long> drainFailovers = new ArrayList<>();
            for (int run = 1; run <= runs; run++) {
                drainFailovers.add(killDuringADrain(cluster, run));
            }
            List<Long> crashFailovers = new ArrayList<>();
            List<Long> restarts = new ArrayList<>();
            for (int run = 1; run <= runs; run++) {
                long[] times = crashAndKill(cluster, run);
                crashFailovers.add(times[0]);
                restarts.add(times[1]);
            }
            System.out.println("leader killed during a drain -> new leader acting: " + summary(drainFailovers));
            System.out.println("leader killed with a host crash -> new leader acting: " + summary(crashFailovers));
            System.out.println("host crash (leader killed at once) -> every restart issued: " + summary(restarts));
            System.out.println("runs with an action done twice: " + twice + "; VMs ever active on two hosts: "
                    + cluster.world.violations());
        }
    }

    /** Drains the busiest host, kills the leader after the first migration; ms from the kill to the next action. */
    private static long killDuringADrain(ManagerCluster cluster, int run) throws Exception {
        ManagerProcess leader = cluster.awaitOneLeader();
        String host = cluster.busiestOf(ManagerCluster.HOSTS);
        long asked = System.currentTimeMillis();
        String answer = leader.shell("ha:host-standby " + host);
        await(cluster, "a migration off " + host + " after: " + answer, () -> cluster.actionsSince(asked).stream()
                .anyMatch(a -> a.succeeded() && a.request().get(0).equals("migrate") && a.request().get(2).equals(host)));
        long killed = System.currentTimeMillis();
        leader.kill();
        long gone = System.currentTimeMillis();
        await(cluster, "a new leader acting", () -> !cluster.actionsSince(gone).isEmpty());
        long failover = cluster.actionsSince(gone).get(0).receivedMillis() - killed;
        await(cluster, "the drain of " + host + " completes", () -> cluster.everyVmRunsOnceAvoiding(List.of(host)));
        ManagerProcess successor = cluster.awaitOneLeader();
        successor.shell("ha:host-online " + host);
        cluster.startAndAwaitMember(leader);
        cluster.awaitOneLeader();
        checkOnce(cluster, "drain run " + run, asked);
        System.out.println("drain run " + run + ": " + host + ", " + leader.id + " killed -> " + successor.id
                + " acting after " + failover + " ms");
        return failover;
    }

    /** Crashes the busiest host and kills the leader at once; ms from the kill to the next action, and to the last restart. */
    private static long[] crashAndKill(ManagerCluster cluster, int run) throws Exception {
        ManagerProcess leader = cluster.awaitOneLeader();
        String host = cluster.busiestOf(ManagerCluster.HOSTS);
        List<String> lost = cluster.placement().entrySet().stream().filter(e -> e.getValue().contains(host))
                .map(Map.Entry::getKey).toList();
        long crashed = System.currentTimeMillis();
        cluster.world.crashHost(host);
        leader.kill();
        long gone = System.currentTimeMillis();
        await(cluster, "the VMs of " + host + " restarted", () -> cluster.everyVmRunsOnceAvoiding(List.of(host)));
        List<WorldAction> after = cluster.actionsSince(gone);
        long failover = after.get(0).receivedMillis() - crashed;
        long restarted = after.stream().filter(a -> a.succeeded() && a.request().get(0).equals("start")
                && lost.contains(a.request().get(2))).mapToLong(WorldAction::receivedMillis).max().orElseThrow() - crashed;
        cluster.world.powerOn(host);
        ManagerProcess successor = cluster.awaitOneLeader();
        await(cluster, host + " online again", () -> successor.shell("ha:hosts").lines()
                .anyMatch(l -> l.startsWith(host + " ") && l.contains("online")));
        cluster.startAndAwaitMember(leader);
        cluster.awaitOneLeader();
        checkOnce(cluster, "crash run " + run, crashed);
        System.out.println("crash run " + run + ": " + host + " (" + lost.size() + " VMs) crashed, " + leader.id
                + " killed -> first action after " + failover + " ms, every restart issued after " + restarted + " ms");
        return new long[] {failover, restarted};
    }

    private static void checkOnce(ManagerCluster cluster, String run, long since) {
        Map<String, Long> done = cluster.doneTwiceSince(since);
        if (!done.isEmpty()) {
            twice.add(run + " " + done);
        }
    }

    private static String summary(List<Long> millis) {
        List<Long> sorted = millis.stream().sorted().toList();
        long median = sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
                : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
        return "median " + median + " ms, min " + sorted.get(0) + " ms, max " + sorted.get(sorted.size() - 1)
                + " ms (" + sorted.size() + " runs)";
    }

    private static void await(ManagerCluster cluster, String what, java.util.function.BooleanSupplier condition) {
        Processes.await(what, PATIENCE, condition, cluster::describe);
    }
}
