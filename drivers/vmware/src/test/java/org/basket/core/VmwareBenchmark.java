package org.basket.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import org.basket.api.cluster.ClusterEvent;
import org.basket.api.cluster.EventKind;
import org.basket.api.driver.DomainInfo;
import org.basket.api.driver.DriverConfig;
import org.basket.api.driver.HostBinding;
import org.basket.api.driver.HypervisorDriver;
import org.basket.api.driver.LiveMigration;
import org.basket.api.driver.MigrationOptions;
import org.basket.core.config.ConfigPids;
import org.basket.driver.vmware.internal.VmwareDriverFactory;
import org.basket.driver.vmware.internal.VsphereSimulator;
import org.basket.testsupport.RecordingDriverListener;

/**
 * The VMware driver and the real control loop (default timing: observe.interval.ms 1000, host.dead.timeout.ms 2000)
 * against the vSphere API simulator, in real time: discovery of a large vCenter (the driver's login and inventory,
 * every host attached and observed once, and the manager adopting every VM), a VM powered off behind Basket's back
 * until its restart is issued, a host vCenter no longer reaches until every restart is issued, and Basket's overhead
 * on a vMotion (its migrate action against the driver's own vMotion call, both on relocations of a fixed time).
 * Run with {@code scripts/bench-vmware.sh [hosts] [vms] [runs]}.
 */
public final class VmwareBenchmark {
    private static final Duration RELOCATION = Duration.ofMillis(500);

    public static void main(String[] args) throws Exception {
        int hosts = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int vms = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        System.out.printf("%d hosts, %d VMs, %d runs; manager defaults (observe.interval.ms 1000, host.dead.timeout.ms"
                + " 2000); vMotion: relocations of %d ms in the simulator%n", hosts, vms, runs, RELOCATION.toMillis());
        Map<String, List<Long>> phases = new LinkedHashMap<>();
        for (int run = 1; run <= runs; run++) {
            large(hosts, vms, phases);
            vmotion(phases);
        }
        phases.forEach((phase, millis) -> {
            Collections.sort(millis);
            System.out.printf("  %-58s median %6d ms   min %6d   max %6d%n", phase, millis.get(millis.size() / 2),
                    millis.get(0), millis.get(millis.size() - 1));
        });
    }

    private static void large(int hostCount, int vmCount, Map<String, List<Long>> phases) throws Exception {
        try (VsphereSimulator simulator = VsphereSimulator.start(hostCount, vmCount)) {
            Instant opening = Instant.now();
            HypervisorDriver driver = new VmwareDriverFactory().open(new DriverConfig("view", "vmware",
                    simulator.endpointKeys()), new RecordingDriverListener());
            record(phases, "driver: login and whole inventory read", opening, Instant.now());
            List<String> names = driver.discoverHosts();
            Instant attaching = Instant.now();
            for (int i = 0; i < names.size(); i++) {
                driver.attach(new HostBinding("h" + i, names.get(i), Map.of()));
            }
            record(phases, "driver: " + names.size() + " hosts attached", attaching, Instant.now());
            Instant observing = Instant.now();
            Map<String, String> vmHost = new HashMap<>();
            for (int i = 0; i < names.size(); i++) {
                driver.host("h" + i);
                for (DomainInfo domain : driver.domains("h" + i)) {
                    if (domain.name().startsWith("DC0_") && domain.state().isActive()) {
                        vmHost.put(domain.name(), "h" + i);
                    }
                }
            }
            record(phases, "driver: one observation of every host (sequential)", observing, Instant.now());
            driver.close();

            ClusterManager manager = new ClusterManager();
            try {
                configure(manager, simulator, names, vmHost.keySet().stream().sorted().toList());
                Instant starting = Instant.now();
                manager.start(Map.of("settle.ms", "0"));
                await(() -> vmHost.keySet().stream().allMatch(vm -> manager.snapshot().state().resource(resourceOf(vm))
                        .activeOn().size() == 1), Duration.ofMinutes(3));
                record(phases, "manager: start -> every VM seen where it runs (" + vmHost.size() + ")", starting, Instant.now());
                await(() -> manager.progress().isIdle(), Duration.ofSeconds(30));

                String crashed = vmHost.keySet().stream().sorted().findFirst().orElseThrow();
                Instant crash = Instant.now();
                simulator.control("POST", "vm?name=" + crashed + "&power=poweredOff");
                await(() -> started(manager, resourceOf(crashed), crash) != null, Duration.ofSeconds(60));
                record(phases, "VM powered off -> restart issued", crash, started(manager, resourceOf(crashed), crash));
                await(() -> manager.progress().isIdle(), Duration.ofSeconds(30));

                String lost = vmHost.get(vmHost.keySet().stream().sorted().skip(1).findFirst().orElseThrow());
                List<String> victims = vmHost.entrySet().stream().filter(e -> e.getValue().equals(lost))
                        .map(e -> resourceOf(e.getKey())).toList();
                Instant loss = Instant.now();
                simulator.control("POST", "host?name=" + names.get(Integer.parseInt(lost.substring(1)))
                        + "&connection=notResponding");
                await(() -> victims.stream().allMatch(vm -> started(manager, vm, loss) != null), Duration.ofSeconds(120));
                record(phases, "host not responding -> suspect", loss, event(manager, loss, EventKind.HOST_SUSPECT, lost));
                record(phases, "host not responding -> fenced", loss, event(manager, loss, EventKind.HOST_FENCED, lost));
                record(phases, "host not responding -> every restart issued (" + victims.size() + " VMs)", loss,
                        victims.stream().map(vm -> started(manager, vm, loss)).max(Instant::compareTo).orElseThrow());
            } finally {
                manager.stop();
            }
        }
    }

    private static void vmotion(Map<String, List<Long>> phases) throws Exception {
        try (VsphereSimulator simulator = VsphereSimulator.start(3, 3, RELOCATION)) {
            HypervisorDriver driver = new VmwareDriverFactory().open(new DriverConfig("view", "vmware",
                    simulator.endpointKeys()), new RecordingDriverListener());
            List<String> names = driver.discoverHosts();
            for (int i = 0; i < names.size(); i++) {
                driver.attach(new HostBinding("h" + i, names.get(i), Map.of()));
            }
            String vm = null;
            String from = null;
            for (int i = 0; i < names.size() && vm == null; i++) {
                from = "h" + i;
                vm = driver.domains(from).stream().map(DomainInfo::name).filter(n -> n.startsWith("DC0_")).findFirst()
                        .orElse(null);
            }
            String to = from.equals("h0") ? "h1" : "h0";
            Instant direct = Instant.now();
            driver.capability(LiveMigration.class).orElseThrow().migrate(vm, from, to, MigrationOptions.DEFAULT);
            record(phases, "vMotion: the driver's own call", direct, Instant.now());
            driver.close();

            ClusterManager manager = new ClusterManager();
            try {
                configure(manager, simulator, names, List.of(vm));
                manager.start(Map.of("settle.ms", "0"));
                String resource = resourceOf(vm);
                await(() -> manager.snapshot().state().resource(resource).activeOn().size() == 1, Duration.ofSeconds(30));
                String source = manager.snapshot().state().resource(resource).activeOn().get(0);
                Instant standby = Instant.now();
                manager.setStandby(source, true);
                await(() -> migrated(manager, resource, standby) != null, Duration.ofSeconds(30));
                ClusterEvent done = migrated(manager, resource, standby);
                record(phases, "vMotion: Basket's migrate action (as the event says)", done.time().minus(
                        done.duration().orElseThrow()), done.time());
                record(phases, "vMotion: standby requested -> VM seen on the target", standby, waitSeen(manager, resource, source));
            } finally {
                manager.stop();
            }
        }
    }

    private static Instant waitSeen(ClusterManager manager, String resource, String source) throws InterruptedException {
        await(() -> {
            List<String> on = manager.snapshot().state().resource(resource).activeOn();
            return on.size() == 1 && !on.contains(source);
        }, Duration.ofSeconds(30));
        return Instant.now();
    }

    private static void configure(ClusterManager manager, VsphereSimulator simulator, List<String> hosts, List<String> vms) {
        List<String> driver = new ArrayList<>(List.of("type", "vmware"));
        simulator.endpointKeys().forEach((key, value) -> {
            driver.add(key);
            driver.add(value);
        });
        file(manager, ConfigPids.DRIVER, "vc", driver.toArray(new String[0]));
        for (int i = 0; i < hosts.size(); i++) {
            file(manager, ConfigPids.HOST, "h" + i, "driver", "vc", "address", hosts.get(i));
            file(manager, ConfigPids.FENCE, "h" + i + "-bmc", "host", "h" + i, "agent", SimulatorBmc.AGENT, "plug", hosts.get(i));
        }
        for (String vm : vms) {
            file(manager, ConfigPids.RESOURCE, resourceOf(vm), "domain", vm, "driver", "vc", "cpus", "0", "memory.mb", "32");
        }
        manager.bindFenceDeviceFactory(SimulatorBmc.of(simulator), Map.of());
        manager.bindDriverFactory(new VmwareDriverFactory());
    }

    private static String resourceOf(String vm) {
        return "vm" + vm.substring(vm.lastIndexOf("VM") + 2);
    }

    /** When the first start of the resource after {@code after} was issued (its event's time less its duration). */
    private static Instant started(ClusterManager manager, String resource, Instant after) {
        return manager.events(5000).stream().filter(e -> e.kind() == EventKind.ACTION_DONE && e.resource().equals(resource)
                        && e.action().startsWith("start ") && e.time().isAfter(after))
                .map(e -> e.time().minus(e.duration().orElse(Duration.ZERO))).min(Instant::compareTo).orElse(null);
    }

    private static ClusterEvent migrated(ClusterManager manager, String resource, Instant after) {
        return manager.events(5000).stream().filter(e -> e.kind() == EventKind.ACTION_DONE && e.resource().equals(resource)
                && e.action().startsWith("migrate ") && e.time().isAfter(after)).findFirst().orElse(null);
    }

    private static Instant event(ClusterManager manager, Instant after, EventKind kind, String host) {
        Predicate<ClusterEvent> which = e -> e.kind() == kind && e.host().equals(host) && !e.time().isBefore(after);
        return manager.events(5000).stream().filter(which).map(ClusterEvent::time).min(Instant::compareTo)
                .orElseThrow(() -> new IllegalStateException("no " + kind + " of " + host));
    }

    private static void file(ClusterManager manager, String factoryPid, String name, String... keyValues) {
        Map<String, Object> raw = new HashMap<>();
        raw.put("felix.fileinstall.filename", "file:/etc/" + factoryPid + "-" + name + ".cfg");
        for (int i = 0; i < keyValues.length; i += 2) {
            raw.put(keyValues[i], keyValues[i + 1]);
        }
        manager.store().update(factoryPid, "pid-" + factoryPid + "-" + name, raw);
    }

    private static void record(Map<String, List<Long>> phases, String phase, Instant from, Instant to) {
        phases.computeIfAbsent(phase, p -> new ArrayList<>()).add(Duration.between(from, to).toMillis());
    }

    private static void await(BooleanSupplier condition, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not within " + limit);
            }
            Thread.sleep(10);
        }
    }
}
