package org.basket.coordination;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Leader killed (kill -9) -> a new leader that may act (its lease waited out), on a real 3-server ensemble with three
 * managers as processes of their own, measured on the managers' own monotonic clock (the kill's time taken just
 * before the signal). After each run the killed manager is replaced, so that three always contend.
 * <p>
 * Arguments: runs (20), session.timeout.ms (4000), lease.ms (1500). {@code scripts/bench-coordination.sh} runs it.
 */
public final class FailoverBenchmark {
    private FailoverBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        long sessionMs = args.length > 1 ? Long.parseLong(args[1]) : 4_000;
        long leaseMs = args.length > 2 ? Long.parseLong(args[2]) : 1_500;
        List<Double> elected = new ArrayList<>();
        List<Double> acting = new ArrayList<>();
        Path directory = Processes.workDirectory("failover-benchmark");
        List<ContenderProcess> contenders = new ArrayList<>();
        try (ZooKeeperEnsemble ensemble = ZooKeeperEnsemble.start("failover-benchmark", 3)) {
            for (int i = 1; i <= 3; i++) {
                contenders.add(new ContenderProcess("m" + i, directory, ensemble.connect(), "/bench", sessionMs, leaseMs));
            }
            for (int run = 1; run <= runs; run++) {
                ContenderProcess leader = awaitSettled(contenders);
                long epoch = leader.epoch();
                long killed = System.nanoTime();
                leader.close();
                contenders.remove(leader);
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                        .until(() -> contenders.stream().anyMatch(c -> c.firstRole("LEADER", epoch + 1) > 0));
                ContenderProcess next = contenders.stream().filter(c -> c.firstRole("LEADER", epoch + 1) > 0).findFirst()
                        .orElseThrow();
                elected.add(millis(next.firstRole("ELECTED", epoch + 1) - killed));
                acting.add(millis(next.firstRole("LEADER", epoch + 1) - killed));
                System.out.printf(Locale.ROOT, "run %2d: %s killed in epoch %d; %s elected after %.0f ms, acts after %.0f ms%n",
                        run, leader.id, epoch, next.id, elected.get(run - 1), acting.get(run - 1));
                contenders.add(new ContenderProcess("m" + (run + 3), directory, ensemble.connect(), "/bench", sessionMs,
                        leaseMs));
            }
        } finally {
            contenders.forEach(ContenderProcess::close);
        }
        System.out.printf(Locale.ROOT, "session timeout %d ms, lease %d ms, %d runs%n", sessionMs, leaseMs, runs);
        System.out.println("kill -9 -> new leader elected:    " + summary(elected));
        System.out.println("kill -9 -> new leader may act:    " + summary(acting));
    }

    /** Waits until one of three leads and two follow. */
    private static ContenderProcess awaitSettled(List<ContenderProcess> contenders) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> contenders.size() == 3
                && contenders.stream().filter(ContenderProcess::isLeader).count() == 1 && contenders.stream()
                        .filter(c -> c.lastRole().words().get(0).equals("FOLLOWER")).count() == 2);
        return contenders.stream().filter(ContenderProcess::isLeader).findFirst().orElseThrow();
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }

    private static String summary(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        return String.format(Locale.ROOT, "median %.0f ms, min %.0f ms, max %.0f ms", median, sorted.get(0),
                sorted.get(n - 1));
    }
}
