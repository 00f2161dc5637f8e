package org.basket.core;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import org.basket.api.cluster.ClusterEvent;
import org.basket.api.cluster.EventKind;
import org.basket.api.driver.DomainState;
import org.basket.api.driver.DriverListener;
import org.basket.api.model.Capacity;
import org.basket.core.config.ConfigPids;
import org.basket.driver.sim.SimulatedDatacenter;
import org.basket.driver.sim.internal.SimDriverFactory;
import org.basket.testsupport.ConfigFiles;

/**
 * The live control loop at scale, in real time: the real manager (its loop, observer, host tracker, journal, event
 * log) on a simulated datacenter of {@code hosts} hosts with {@code vmsPerHost} VMs each, already running where the
 * manager finds them. Measures the adoption, the steady state (process CPU time over wall time, heap after a full
 * GC, loop turns), a churn of VM crashes (the rate handled, crash to restart issued) and a host crash (crash to
 * every restart issued, from the typed events). Run with {@code scripts/bench-live-loop.sh [hosts] [vms per host]
 * [steady seconds] [crashes per second]}; {@code -Dbench.services=N} adds a guest service to each of the first N VMs,
 * watched by the simulator's in-guest agents.
 */
public final class LiveLoopBenchmark {
    private static final long LATENCY_MS = Long.getLong("bench.latency.ms", 20);
    private static final int SERVICES = Integer.getInteger("bench.services", 0);

    private final int hostCount;
    private final int vmsPerHost;
    private final SimulatedDatacenter datacenter = new SimulatedDatacenter();
    private final AtomicLong driverEvents = new AtomicLong();

    private LiveLoopBenchmark(int hosts, int vmsPerHost) {
        this.hostCount = hosts;
        this.vmsPerHost = vmsPerHost;
    }

    public static void main(String[] args) throws Exception {
        int hosts = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int perHost = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int steadySeconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        int crashRate = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        System.out.printf("%,d hosts, %,d VMs, %,d guest services; simulated latency %d ms per call; %d cores; load before: %s%n", hosts,
                hosts * perHost, Math.min(SERVICES, hosts * perHost), LATENCY_MS, Runtime.getRuntime().availableProcessors(), load());
        new LiveLoopBenchmark(hosts, perHost).run(steadySeconds, crashRate);
    }

    private void run(int steadySeconds, int crashRate) throws Exception {
        Path dir = Files.createTempDirectory("basket-live-loop");
        long t0 = System.nanoTime();
        populate();
        datacenter.addListener(new DriverListener() {
            @Override
            public void domainChanged(String host, String domain, DomainState state) {
                driverEvents.incrementAndGet();
            }

            @Override
            public void hostContact(String host, boolean reachable, String reason) {
                driverEvents.incrementAndGet();
            }
        });
        ClusterManager manager = new ClusterManager();
        files().forEach((pid, raw) -> manager.store().update(raw.remove("factory").toString(), pid, raw));
        System.out.printf("world and %,d definition files made in %,d ms%n", hostCount * (vmsPerHost + 1) + 1,
                millisSince(t0));
        manager.bindDriverFactory(new SimDriverFactory(datacenter));
        if (SERVICES > 0) {
            manager.bindGuestAgents(datacenter.guests(), Map.of());
        }
        Map<String, String> settings = new HashMap<>(Map.of("settle.ms", "0", "journal.path",
                dir.resolve("journal.mv").toString()));
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("bench.manager."))
                .forEach(k -> settings.put(k.substring("bench.manager.".length()), System.getProperty(k)));
        System.out.println("manager settings: " + settings);
        long started = System.nanoTime();
        manager.start(settings);
        try {
            await(() -> adopted(manager), Duration.ofMinutes(10), manager);
            System.out.printf("adopted: every host probed, every VM seen where it runs, in %,d ms%n",
                    millisSince(started));
            await(() -> manager.progress().isIdle(), Duration.ofMinutes(2), manager);
            long firstEvent = lastSequence(manager);
            steady(manager, steadySeconds);
            long unexpected = manager.events(2000).stream().filter(e -> e.sequence() > firstEvent
                    && e.kind() == EventKind.TRANSITION_STARTED).count();
            System.out.printf("  transitions started while nothing happened: %d%n", unexpected);
            if (crashRate > 0) {
                churn(manager, crashRate, Math.max(10, steadySeconds / 2));
            }
            hostCrash(manager);
            System.out.printf("double-active violations in the simulator: %d; load after: %s%n",
                    datacenter.violations().size(), load());
        } finally {
            manager.stop();
            try (java.util.stream.Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Hosts and their VMs, running before the manager starts, as in a datacenter Basket begins to watch. */
    private void populate() throws Exception {
        for (int h = 1; h <= hostCount; h++) {
            datacenter.addHost(host(h), new Capacity(64, 256 * 1024));
            for (int v = 1; v <= vmsPerHost; v++) {
                datacenter.start(host(h), vm(h, v));
            }
        }
    }

    private boolean adopted(ClusterManager manager) {
        var state = manager.snapshot().state();
        return state.hosts().size() == hostCount
                && state.hosts().values().stream().allMatch(h -> h.probed() && h.state().isActionable())
                && state.resources().values().stream().filter(r -> r.activeOn().size() == 1).count()
                == (long) hostCount * vmsPerHost + services();
    }

    private void steady(ClusterManager manager, int seconds) throws InterruptedException {
        System.gc();
        long cpu0 = processCpuNanos();
        long loop0 = loopCpuNanos();
        long wall0 = System.nanoTime();
        long events0 = driverEvents.get();
        long seq0 = lastSequence(manager);
        long turns = 0;
        long skipped0 = manager.turnsSkipped();
        Object last = manager.snapshot();
        while (System.nanoTime() - wall0 < seconds * 1_000_000_000L) {
            Thread.sleep(5);
            if (manager.snapshot() != last) { // each turn that plans leaves a new snapshot
                last = manager.snapshot();
                turns++;
            }
        }
        long cpu = processCpuNanos() - cpu0;
        long loopCpu = loopCpuNanos() - loop0;
        long wall = System.nanoTime() - wall0;
        System.out.printf("steady state for %d s: CPU %.2f cores (process CPU time / wall time); %d loop turns that"
                        + " planned, %.0f ms of the loop thread's CPU each, %d that did not (loop CPU %.2f cores in all);"
                        + " heap after GC %,d MB; %,d manager events, %,d driver events; load: %s%n", seconds,
                (double) cpu / wall, turns, turns == 0 ? 0.0 : loopCpu / 1e6 / turns, manager.turnsSkipped() - skipped0,
                (double) loopCpu / wall,
                heapAfterGc(), lastSequence(manager) - seq0, driverEvents.get() - events0, load());
    }

    /** CPU time of the control loop's thread. */
    private static long loopCpuNanos() {
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("basket-control-loop"))
                .mapToLong(t -> threads.getThreadCpuTime(t.getId())).sum();
    }

    /** VM crashes at a steady rate: how many the manager restarts, and how soon it issues each restart. */
    private void churn(ClusterManager manager, int perSecond, int seconds) throws InterruptedException {
        Random random = new Random(13);
        List<String> crashed = new ArrayList<>();
        Map<String, Instant> crashedAt = new HashMap<>();
        long cpu0 = processCpuNanos();
        long wall0 = System.nanoTime();
        long events0 = driverEvents.get();
        long period = 1_000_000_000L / perSecond;
        for (int i = 0; i < perSecond * seconds; i++) {
            long due = wall0 + i * period;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            String vm = vm(1 + random.nextInt(hostCount), 1 + random.nextInt(vmsPerHost));
            if (crashedAt.containsKey(vm) || datacenter.activeHosts(vm).size() != 1) {
                continue;
            }
            crashedAt.put(vm, Instant.now());
            crashed.add(vm);
            datacenter.crashDomain(vm);
        }
        double injectSeconds = (System.nanoTime() - wall0) / 1e9;
        await(() -> crashed.stream().allMatch(vm -> datacenter.activeHosts(vm).size() == 1), Duration.ofMinutes(5),
                manager);
        long cpu = processCpuNanos() - cpu0;
        long wall = System.nanoTime() - wall0;
        List<Long> lags = new ArrayList<>();
        Map<String, Instant> issued = startsIssued(manager.events(2000), Instant.ofEpochMilli(0));
        for (String vm : crashed) {
            Instant start = issued.get(vm);
            if (start != null && start.isAfter(crashedAt.get(vm))) {
                lags.add(Duration.between(crashedAt.get(vm), start).toMillis());
            }
        }
        lags.sort(Long::compare);
        String dump = System.getProperty("bench.events");
        if (dump != null) {
            try {
                Files.write(Path.of(dump), manager.events(2000).stream().map(Object::toString).toList());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        System.out.printf("churn: %d VM crashes in %.1f s (%.1f/s), every one running again after %,d ms in all; "
                        + "CPU %.2f cores; %,d driver events (%.0f/s); crash -> restart issued (%d seen in the last "
                        + "2000 events): median %s ms, max %s ms%n", crashed.size(), injectSeconds,
                crashed.size() / injectSeconds, wall / 1_000_000, (double) cpu / wall, driverEvents.get() - events0,
                (driverEvents.get() - events0) / (wall / 1e9), lags.size(),
                lags.isEmpty() ? "-" : lags.get(lags.size() / 2), lags.isEmpty() ? "-" : lags.get(lags.size() - 1));
        await(() -> manager.progress().isIdle(), Duration.ofMinutes(1), manager);
    }

    private void hostCrash(ClusterManager manager) throws InterruptedException {
        String host = host(hostCount / 2);
        List<String> victims = datacenter.hosts().stream().filter(h -> h.name().equals(host)).findFirst()
                .orElseThrow().domains().keySet().stream().toList();
        Thread.sleep(2000);
        Instant crash = Instant.now();
        datacenter.crashHost(host);
        await(() -> victims.stream().allMatch(vm -> datacenter.activeHosts(vm).size() == 1), Duration.ofMinutes(5),
                manager);
        long running = Duration.between(crash, Instant.now()).toMillis();
        List<ClusterEvent> events = manager.events(2000);
        Map<String, Instant> issued = startsIssued(events, crash);
        Instant last = victims.stream().map(vm -> {
            Instant at = issued.get(vm);
            if (at == null) {
                throw new IllegalStateException("no start of " + vm + " in the events after the crash");
            }
            return at;
        }).max(Instant::compareTo).orElseThrow();
        System.out.printf("host crash (%d VMs): suspect after %s ms, dead %s ms, fenced %s ms, every restart issued "
                        + "%,d ms, every VM running %,d ms%n", victims.size(), after(events, crash, EventKind.HOST_SUSPECT,
                        host), after(events, crash, EventKind.HOST_DEAD, host),
                after(events, crash, EventKind.HOST_FENCED, host), Duration.between(crash, last).toMillis(), running);
    }

    /** When each start (by resource) after {@code after} was issued: its ACTION_DONE event's time minus its duration. */
    private static Map<String, Instant> startsIssued(List<ClusterEvent> events, Instant after) {
        Map<String, Instant> issued = new HashMap<>();
        for (ClusterEvent event : events) {
            if (event.kind() == EventKind.ACTION_DONE && event.action().startsWith("start ")
                    && event.duration().isPresent()) {
                Instant at = event.time().minus(event.duration().get());
                String vm = event.action().split(" ")[1];
                if (at.isAfter(after)) {
                    issued.merge(vm, at, (a, b) -> a.isAfter(b) ? a : b);
                }
            }
        }
        return issued;
    }

    private static String after(List<ClusterEvent> events, Instant crash, EventKind kind, String host) {
        return events.stream().filter(e -> e.kind() == kind && e.host().equals(host) && !e.time().isBefore(crash))
                .findFirst().map(e -> String.format("%,d", Duration.between(crash, e.time()).toMillis())).orElse("-");
    }

    private Map<String, Map<String, Object>> files() {
        Map<String, Map<String, Object>> files = new HashMap<>();
        files.put("d", raw(ConfigPids.DRIVER, "sim", "type", "sim", "latency.ms", Long.toString(LATENCY_MS),
                "host.cpus", "64", "host.memory.mb", Integer.toString(256 * 1024)));
        for (int h = 1; h <= hostCount; h++) {
            files.put("h" + h, raw(ConfigPids.HOST, host(h), "driver", "sim"));
            for (int v = 1; v <= vmsPerHost; v++) {
                files.put("r" + h + "-" + v, raw(ConfigPids.RESOURCE, vm(h, v), "cpus", "1", "memory.mb", "2048"));
                if ((h - 1) * vmsPerHost + v <= SERVICES) {
                    files.put("s" + h + "-" + v, raw(ConfigPids.RESOURCE, "svc-" + vm(h, v), "kind", "guest-service",
                            "container", vm(h, v), "check", "systemd", "param.unit", "app.service"));
                }
            }
        }
        return files;
    }

    private int services() {
        return Math.min(SERVICES, hostCount * vmsPerHost);
    }

    private static String host(int h) {
        return String.format("node%05d", h);
    }

    private static String vm(int h, int v) {
        return String.format("vm%05d-%02d", h, v);
    }

    private static Map<String, Object> raw(String factory, String name, String... keys) {
        Map<String, Object> raw = ConfigFiles.properties(factory, name, keys);
        raw.put("factory", factory);
        raw.put("name", name);
        return raw;
    }

    private static long lastSequence(ClusterManager manager) {
        List<ClusterEvent> last = manager.events(1);
        return last.isEmpty() ? 0 : last.get(0).sequence();
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long heapAfterGc() {
        System.gc();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        return memory.getHeapMemoryUsage().getUsed() / (1024 * 1024);
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    private static void await(BooleanSupplier condition, Duration limit, ClusterManager manager)
            throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                manager.events(30).forEach(System.out::println);
                throw new IllegalStateException("not reached within " + limit);
            }
            Thread.sleep(50);
        }
    }
}
