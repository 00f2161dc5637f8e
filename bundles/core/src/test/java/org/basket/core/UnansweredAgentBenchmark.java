package org.basket.core;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import org.basket.api.monitor.AgentException;
import org.basket.api.monitor.CheckResult;
import org.basket.api.monitor.GuestAgents;
import org.basket.api.monitor.ServiceDefinition;
import org.basket.core.config.ConfigPids;
import org.basket.driver.sim.SimulatedDatacenter;
import org.basket.driver.sim.internal.SimDriverFactory;
import org.basket.testsupport.ConfigFiles;
import org.osgi.framework.Constants;

/**
 * The recovery of an unrelated VM while one enrolled agent never acknowledges a command, in real
 * time: the real control loop with its default timing, the simulated hypervisor (20 ms per operation),
 * VM {@code app} holding a guest service whose agent answers every call only after the agents' default
 * {@code command.timeout.ms} (60 s), with a failure, as the channel's gateway does. Crashes VM
 * {@code other} and waits until it runs again. Run with
 * {@code BENCH_MAIN=UnansweredAgentBenchmark scripts/bench-recovery.sh [runs]}.
 */
public final class UnansweredAgentBenchmark {
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

    private UnansweredAgentBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        SimulatedDatacenter datacenter = new SimulatedDatacenter();
        ClusterManager manager = new ClusterManager();
        file(manager, ConfigPids.DRIVER, "sim", "type", "sim", "latency.ms", "20");
        for (String host : List.of("node1", "node2", "node3")) {
            file(manager, ConfigPids.HOST, host, "driver", "sim");
        }
        file(manager, ConfigPids.RESOURCE, "app", "cpus", "2");
        file(manager, ConfigPids.RESOURCE, "other", "cpus", "2");
        file(manager, ConfigPids.RESOURCE, "app-web", "kind", "guest-service", "container", "app", "check", "http",
                "param.url", "http://localhost/");
        manager.bindDriverFactory(new SimDriverFactory(datacenter));
        manager.bindGuestAgents(new TimingOutAgent(), Map.of(Constants.SERVICE_RANKING, 100));
        manager.start(Map.of());
        waitFor(() -> !datacenter.activeHosts("app").isEmpty() && !datacenter.activeHosts("other").isEmpty());
        Thread.sleep(3000); // the agent of app has been asked for something by now
        System.out.printf("VM other crashed while the agent of app never acknowledges (command timeout %d s); %d runs%n",
                COMMAND_TIMEOUT.toSeconds(), runs);
        for (int run = 1; run <= runs; run++) {
            long start = System.nanoTime();
            datacenter.crashDomain("other");
            waitFor(() -> datacenter.activeHosts("other").size() == 1);
            System.out.printf("  run %d: other running again after %d ms%n", run, (System.nanoTime() - start) / 1_000_000);
            Thread.sleep(2000);
        }
        manager.stop();
    }

    private static void waitFor(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not reached within 10 minutes");
            }
            Thread.sleep(5);
        }
    }

    private static void file(ClusterManager manager, String factoryPid, String name, String... keyValues) {
        ConfigFiles.put(manager.store()::update, factoryPid, name, keyValues);
    }

    /** Connected, reports nothing, and fails every call after the command timeout. */
    private static final class TimingOutAgent implements GuestAgents {
        @Override
        public boolean serves(String vm) {
            return vm.equals("app");
        }

        @Override
        public Optional<Map<String, CheckResult>> services(String vm) {
            return Optional.of(Map.of());
        }

        @Override
        public void define(String vm, List<ServiceDefinition> services) throws AgentException {
            unanswered("take the definitions");
        }

        @Override
        public void start(String vm, String service) throws AgentException {
            unanswered("start " + service);
        }

        @Override
        public void stop(String vm, String service) throws AgentException {
            unanswered("stop " + service);
        }

        @Override
        public void listen(Runnable changed) {
        }

        private static void unanswered(String what) throws AgentException {
            try {
                Thread.sleep(COMMAND_TIMEOUT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new AgentException("the agent of VM app did not acknowledge within " + COMMAND_TIMEOUT.toMillis()
                    + " ms: " + what);
        }
    }
}
