package org.basket.core;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.basket.api.cluster.ClusterEvent;
import org.basket.api.cluster.EventKind;
import org.basket.core.config.ConfigPids;
import org.basket.core.journal.Journal;
import org.basket.core.journal.OperationRecord;
import org.basket.driver.sim.SimulatedDatacenter;
import org.basket.driver.sim.internal.SimDriverFactory;
import org.basket.testsupport.ConfigFiles;

/**
 * Recovery times in real time: the real control loop with its default timing, a crash-safe journal,
 * and the simulated hypervisor (20 ms per operation) with its simulated in-guest agents. Measures a
 * guest service failure, a VM crash (until its restart is issued and until it runs) and a host crash, phase by phase (suspect, confirmed dead by the second check,
 * fenced, every restart issued, every VM running). Run with {@code scripts/bench-recovery.sh
 * [hosts] [vms] [runs]}.
 */
public final class RecoveryBenchmark {
    private final int hostCount;
    private final int vmCount;

    private RecoveryBenchmark(int hosts, int vms) {
        this.hostCount = hosts;
        this.vmCount = vms;
    }

    public static void main(String[] args) throws Exception {
        int hosts = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        int vms = args.length > 1 ? Integer.parseInt(args[1]) : 24;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        System.out.printf("%d hosts, %d VMs, defaults: observe.interval.ms 1000, host.dead.timeout.ms 2000; "
                + "simulated latency 20 ms per operation; %d runs%n", hosts, vms, runs);
        Map<String, List<Long>> phases = new java.util.LinkedHashMap<>();
        for (int run = 1; run <= runs; run++) {
            new RecoveryBenchmark(hosts, vms).measure(phases);
        }
        phases.forEach((phase, millis) -> {
            Collections.sort(millis);
            System.out.printf("  %-44s median %6d ms   min %6d   max %6d%n", phase, millis.get(millis.size() / 2),
                    millis.get(0), millis.get(millis.size() - 1));
        });
    }

    private void measure(Map<String, List<Long>> phases) throws Exception {
        Path dir = Files.createTempDirectory("basket-recovery");
        SimulatedDatacenter datacenter = new SimulatedDatacenter();
        ClusterManager manager = new ClusterManager();
        for (Map.Entry<String, Map<String, Object>> file : files().entrySet()) {
            manager.store().update(file.getValue().remove("factory").toString(), file.getKey(), file.getValue());
        }
        manager.bindDriverFactory(new SimDriverFactory(datacenter));
        manager.bindGuestAgents(datacenter.guests(), Map.of());
        manager.start(Map.of("settle.ms", "0", "journal.path", dir.resolve("journal.mv").toString()));
        List<String> vms = new ArrayList<>();
        for (int i = 1; i <= vmCount; i++) {
            vms.add("vm" + i);
        }
        try {
            try {
                await(() -> vms.stream().allMatch(vm -> datacenter.activeHosts(vm).size() == 1), Duration.ofSeconds(60));
            } catch (IllegalStateException e) {
                manager.events(30).forEach(System.out::println);
                throw e;
            }
            await(() -> manager.progress().isIdle(), Duration.ofSeconds(10));

            await(() -> manager.snapshot().state().resource("svc1").isActive(), Duration.ofSeconds(10));
            Instant serviceCrash = Instant.now();
            datacenter.guests().crashService("vm1", "svc1");
            await(() -> datacenter.guests().starts("svc1") == 2, Duration.ofSeconds(10));
            record(phases, "service failure -> restarted (simulated agent)", serviceCrash, Instant.now());
            await(() -> manager.progress().isIdle(), Duration.ofSeconds(10));

            Instant vmCrash = Instant.now();
            datacenter.crashDomain("vm1");
            await(() -> datacenter.activeHosts("vm1").size() == 1, Duration.ofSeconds(30));
            record(phases, "VM crash -> VM running again", vmCrash, Instant.now());
            await(() -> manager.progress().isIdle(), Duration.ofSeconds(10));

            String host = datacenter.activeHosts("vm2").get(0);
            List<String> victims = vms.stream().filter(vm -> datacenter.activeHosts(vm).contains(host)).toList();
            Instant hostCrash = Instant.now();
            datacenter.crashHost(host);
            await(() -> victims.stream().allMatch(vm -> datacenter.activeHosts(vm).size() == 1), Duration.ofSeconds(60));
            Instant running = Instant.now();
            await(() -> manager.progress().isIdle(), Duration.ofSeconds(10)); // each start's record written
            List<ClusterEvent> events = manager.events(2000);
            manager.stop();
            List<OperationRecord> operations;
            try (Journal journal = Journal.open(dir.resolve("journal.mv"))) {
                operations = journal.operations(10_000);
            }
            record(phases, "service failure -> restart issued (simulated agent)", serviceCrash,
                    startOf(operations, "svc1", serviceCrash));
            Instant vmRestart = startOf(operations, "vm1", vmCrash);
            record(phases, "VM crash -> restart issued", crashOf(events, "vm1"), vmRestart);
            record(phases, "host crash -> suspect", hostCrash, eventAt(events, hostCrash, EventKind.HOST_SUSPECT, host));
            record(phases, "host crash -> dead (second check)", hostCrash,
                    eventAt(events, hostCrash, EventKind.HOST_DEAD, host));
            record(phases, "host crash -> fenced", hostCrash, eventAt(events, hostCrash, EventKind.HOST_FENCED, host));
            Instant lastStart = victims.stream().map(vm -> startOf(operations, vm, hostCrash)).max(Instant::compareTo)
                    .orElseThrow();
            record(phases, "host crash -> every restart issued (" + victims.size() + " VMs)", hostCrash, lastStart);
            record(phases, "host crash -> every VM running", hostCrash, running);
        } finally {
            manager.stop();
            try (java.util.stream.Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private Map<String, Map<String, Object>> files() {
        Map<String, Map<String, Object>> files = new HashMap<>();
        files.put("d", raw(ConfigPids.DRIVER, "sim", "type", "sim", "latency.ms", "20", "host.cpus", "64"));
        for (int i = 1; i <= hostCount; i++) {
            files.put("h" + i, raw(ConfigPids.HOST, "node" + i, "driver", "sim"));
        }
        for (int i = 1; i <= vmCount; i++) {
            files.put("r" + i, raw(ConfigPids.RESOURCE, "vm" + i, "cpus", "1", "memory.mb", "512"));
        }
        files.put("s1", raw(ConfigPids.RESOURCE, "svc1", "kind", "guest-service", "container", "vm1", "check", "tcp",
                "param.port", "80"));
        return files;
    }

    private static Map<String, Object> raw(String factory, String name, String... keys) {
        Map<String, Object> raw = ConfigFiles.properties(factory, name, keys);
        raw.put("factory", factory);
        raw.put("name", name);
        return raw;
    }

    private static Instant crashOf(List<ClusterEvent> events, String vm) {
        return events.stream().filter(e -> e.kind() == EventKind.RESOURCE_FAILED && e.resource().equals(vm))
                .map(ClusterEvent::time).findFirst().orElseThrow(() -> new IllegalStateException("no crash event for " + vm));
    }

    /** When the first start of the resource after {@code after} began. */
    private static Instant startOf(List<OperationRecord> operations, String vm, Instant after) {
        return operations.stream().filter(o -> o.action().startsWith("start " + vm + " on "))
                .map(OperationRecord::started).filter(t -> t.isAfter(after)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no restart of " + vm + " in the operation history"));
    }

    private static Instant eventAt(List<ClusterEvent> events, Instant after, EventKind kind, String host) {
        return events.stream().filter(e -> e.time().isAfter(after) && e.kind() == kind && e.host().equals(host))
                .map(ClusterEvent::time).findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + kind + " event about " + host));
    }

    private static void record(Map<String, List<Long>> phases, String phase, Instant from, Instant to) {
        phases.computeIfAbsent(phase, p -> new ArrayList<>()).add(Duration.between(from, to).toMillis());
    }

    private static void await(BooleanSupplier condition, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not reached within " + limit);
            }
            Thread.sleep(2);
        }
    }
}
