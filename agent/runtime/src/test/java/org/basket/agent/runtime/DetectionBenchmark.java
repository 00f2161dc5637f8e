package org.basket.agent.runtime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.basket.api.monitor.ServiceHealth;
import org.basket.channel.protocol.CommandResult;
import org.basket.channel.protocol.CommandVerb;

/**
 * Measures (not asserted) how long after a watched service dies the manager has the agent's STATE_CHANGE:
 * a python3 http.server watched by the process monitor, killed at a random moment of its check interval,
 * restarted by the manager's command. Arguments: kills per interval, then intervals in ms.
 *
 * <pre>java ... org.basket.agent.runtime.DetectionBenchmark 20 500 1000 2000 5000</pre>
 */
public final class DetectionBenchmark {

    public static void main(String[] args) throws Exception {
        int kills = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        List<Long> intervals = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            intervals.add(Long.parseLong(args[i]));
        }
        if (intervals.isEmpty()) {
            intervals = List.of(500L, 1000L, 2000L, 5000L);
        }
        System.out.println("| check interval | kills | median | p90 | max | mean |");
        System.out.println("|---|---|---|---|---|---|");
        for (long interval : intervals) {
            List<Long> latencies = run(interval, kills);
            Collections.sort(latencies);
            System.out.printf("| %d ms | %d | %d ms | %d ms | %d ms | %d ms |%n", interval, kills,
                    latencies.get(latencies.size() / 2), latencies.get((int) (latencies.size() * 0.9)),
                    latencies.get(latencies.size() - 1),
                    Math.round(latencies.stream().mapToLong(Long::longValue).average().orElse(0)));
        }
    }

    private static List<Long> run(long interval, int kills) throws Exception {
        Path dir = Files.createTempDirectory("basket-detection");
        int port = TestAgents.freePort();
        List<Long> latencies = new ArrayList<>();
        try (ManagerPeer manager = new ManagerPeer(dir.resolve("manager"));
             AgentRuntime agent = TestAgents.start(TestAgents.settings(manager.enrolmentFile(dir.resolve("etc"), "bench"),
                     dir.resolve("state")), TestAgents.realMonitors())) {
            waitUntil(() -> manager.connected.contains("bench"), Duration.ofSeconds(30));
            require(manager.define("bench", List.of(TestAgents.httpServerProcess("web", port, dir.resolve("www"), interval))));
            require(manager.command("bench", CommandVerb.START, "web"));
            for (int i = 0; i < kills; i++) {
                Thread.sleep(interval + ThreadLocalRandom.current().nextLong(interval));
                manager.changes.clear();
                long killed = System.nanoTime();
                if (!TestAgents.killHttpServer(port)) {
                    throw new IllegalStateException("no http.server on port " + port + " to kill");
                }
                waitUntil(() -> manager.changedTo("web", ServiceHealth.NOT_RUNNING), Duration.ofMillis(interval * 3 + 5_000));
                latencies.add((System.nanoTime() - killed) / 1_000_000);
                require(manager.command("bench", CommandVerb.START, "web"));
            }
            require(manager.command("bench", CommandVerb.STOP, "web"));
        } finally {
            TestAgents.killHttpServer(port);
        }
        return latencies;
    }

    private static void require(CommandResult result) {
        if (!result.ok()) {
            throw new IllegalStateException("the agent answered: " + result.detail());
        }
    }

    /** A benchmark's own poll (1 ms): the measured latency, not a test's synchronisation. */
    static void waitUntil(java.util.function.BooleanSupplier condition, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not reached within " + limit.toMillis() + " ms");
            }
            Thread.sleep(1);
        }
    }
}
