package org.basket.core;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.basket.api.coordination.Role;
import org.basket.api.driver.DomainState;
import org.basket.api.driver.DriverConfig;
import org.basket.api.driver.DriverException;
import org.basket.api.driver.DriverListener;
import org.basket.api.driver.HypervisorDriver;
import org.basket.api.driver.HypervisorDriverFactory;
import org.basket.coordination.BenchCoordination;
import org.basket.coordination.ScaleNames;
import org.basket.core.config.ConfigPids;
import org.basket.driver.sim.SimulatedDatacenter;
import org.basket.driver.sim.internal.SimDriverFactory;
import org.basket.testsupport.ConfigFiles;

/**
 * One manager of {@code org.basket.coordination.ScaleBenchmark}, a process of its own: the real {@link ClusterManager}
 * with the ZooKeeper coordination and shared state, its sim driver on the world process. Prints {@code role KIND EPOCH}
 * when its role changes and {@code adopted MS} once it sees every host and every VM where it runs; on stdin
 * {@code measure SECONDS} prints {@code steady ...} (its own CPU share, heap after GC, loop turns, driver events, the
 * domain listings it asked, the reconciles it left to a follower and the follower news it polled on). The setting
 * {@code share=off} leaves the observation share unbound: every manager then reconciles every host itself.
 * Arguments: id, ZooKeeper connect string, world HOST:PORT, hosts, VMs per host, journal file, then key=value
 * manager settings.
 */
public final class ScaleManager {
    private final AtomicLong driverEvents = new AtomicLong();
    /** The domain listings this manager asked of the hosts: its polls. */
    private final AtomicLong listings = new AtomicLong();
    private final ClusterManager manager = new ClusterManager();
    private final int hosts;
    private final int vmsPerHost;

    private ScaleManager(int hosts, int vmsPerHost) {
        this.hosts = hosts;
        this.vmsPerHost = vmsPerHost;
    }

    public static void main(String[] args) throws Exception {
        String id = args[0];
        ScaleManager scale = new ScaleManager(Integer.parseInt(args[3]), Integer.parseInt(args[4]));
        Map<String, String> settings = new HashMap<>(Map.of("settle.ms", "0", "journal.path", args[5]));
        for (int i = 6; i < args.length; i++) {
            String[] kv = args[i].split("=", 2);
            settings.put(kv[0], kv[1]);
        }
        Files.createDirectories(Path.of(args[5]).toAbsolutePath().getParent());
        try (BenchCoordination coordination = new BenchCoordination(Map.of("mode", "zookeeper", "manager.id", id,
                "zookeeper.connect", args[1], "zookeeper.chroot", "/basket-scale"))) {
            scale.run(coordination, args[2], settings);
        }
    }

    private void run(BenchCoordination coordination, String world, Map<String, String> settings) throws Exception {
        long started = System.nanoTime();
        manager.bindCoordination(coordination.coordination());
        manager.bindSharedState(coordination.state());
        if (!"off".equals(settings.remove("share"))) { // share=off: every manager reconciles every host itself
            manager.bindObservationShare(coordination.share());
        }
        definitions(world).forEach((pid, raw) -> manager.store().update(raw.remove("factory").toString(), pid, raw));
        manager.bindDriverFactory(counting(new SimDriverFactory(new SimulatedDatacenter())));
        manager.start(settings);
        Thread watch = new Thread(() -> watch(coordination, started), "scale-watch");
        watch.setDaemon(true);
        watch.start();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null && !line.equals("quit"); line = in.readLine()) {
            if (line.startsWith("measure ")) {
                measure(coordination, Integer.parseInt(line.substring(8).trim()));
            }
        }
        manager.stop();
    }

    private void watch(BenchCoordination coordination, long started) {
        Role.Kind kind = null;
        boolean adopted = false;
        while (true) {
            Role role = coordination.coordination().role();
            if (role.kind() != kind) {
                kind = role.kind();
                say("role " + kind + " " + role.epoch());
            }
            if (!adopted && adopted()) {
                adopted = true;
                say("adopted " + (System.nanoTime() - started) / 1_000_000);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private boolean adopted() {
        var state = manager.snapshot().state();
        return state.hosts().size() == hosts
                && state.hosts().values().stream().allMatch(h -> h.probed() && h.state().isActionable())
                && state.resources().values().stream().filter(r -> r.activeOn().size() == 1).count()
                == (long) hosts * vmsPerHost;
    }

    private void measure(BenchCoordination coordination, int seconds) throws InterruptedException {
        long cpu0 = processCpuNanos();
        long loop0 = loopCpuNanos();
        long events0 = driverEvents.get();
        long listings0 = listings.get();
        long[] sharing0 = manager.sharing().counts();
        long wall0 = System.nanoTime();
        long turns = 0;
        long skipped0 = manager.turnsSkipped();
        Object last = manager.snapshot();
        while (System.nanoTime() - wall0 < seconds * 1_000_000_000L) {
            Thread.sleep(5);
            if (manager.snapshot() != last) { // a turn that planned
                last = manager.snapshot();
                turns++;
            }
        }
        long cpu = processCpuNanos() - cpu0;
        long loopCpu = loopCpuNanos() - loop0;
        long wall = System.nanoTime() - wall0;
        System.gc(); // concurrent (-XX:+ExplicitGCInvokesConcurrent): a full pause could cost the lease
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024);
        long[] sharing = manager.sharing().counts();
        say(String.format("steady cpu=%.3f heapMB=%d turns=%d loopMsPerTurn=%.0f skippedTurns=%d loopCpu=%.3f"
                + " driverEvents=%d listings=%d reconcilesLeft=%d followerNews=%d sweepPolls=%d role=%s", (double) cpu / wall, heap,
                turns, turns == 0 ? 0.0 : loopCpu / 1e6 / turns, manager.turnsSkipped() - skipped0,
                (double) loopCpu / wall, driverEvents.get() - events0, listings.get() - listings0,
                sharing[2] - sharing0[2], sharing[0] - sharing0[0], sharing[3] - sharing0[3], coordination.coordination().role().kind()));
    }

    private HypervisorDriverFactory counting(HypervisorDriverFactory sim) {
        return new HypervisorDriverFactory() {
            @Override
            public String type() {
                return sim.type();
            }

            @Override
            public HypervisorDriver open(DriverConfig config, DriverListener listener) throws DriverException {
                return countListings(sim.open(config, new DriverListener() {
                    @Override
                    public void domainChanged(String host, String domain, DomainState state) {
                        driverEvents.incrementAndGet();
                        listener.domainChanged(host, domain, state);
                    }

                    @Override
                    public void hostContact(String host, boolean reachable, String reason) {
                        driverEvents.incrementAndGet();
                        listener.hostContact(host, reachable, reason);
                    }
                }));
            }
        };
    }

    private HypervisorDriver countListings(HypervisorDriver driver) {
        return (HypervisorDriver) java.lang.reflect.Proxy.newProxyInstance(HypervisorDriver.class.getClassLoader(),
                new Class<?>[] {HypervisorDriver.class}, (proxy, method, args) -> {
                    if (method.getName().equals("domains")) {
                        listings.incrementAndGet();
                    }
                    try {
                        return method.invoke(driver, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private Map<String, Map<String, Object>> definitions(String world) {
        Map<String, Map<String, Object>> files = new HashMap<>();
        files.put("d", raw(ConfigPids.DRIVER, "sim", "type", "sim", "world", world, "host.cpus", "64",
                "host.memory.mb", Integer.toString(256 * 1024)));
        for (int h = 1; h <= hosts; h++) {
            files.put("h" + h, raw(ConfigPids.HOST, ScaleNames.host(h), "driver", "sim"));
            for (int v = 1; v <= vmsPerHost; v++) {
                files.put("r" + h + "-" + v, raw(ConfigPids.RESOURCE, ScaleNames.vm(h, v), "cpus", "1", "memory.mb",
                        "2048"));
            }
        }
        return files;
    }

    private static Map<String, Object> raw(String factory, String name, String... keys) {
        Map<String, Object> raw = ConfigFiles.properties(factory, name, keys);
        raw.put("factory", factory);
        raw.put("name", name);
        return raw;
    }

    private static long loopCpuNanos() {
        var threads = ManagementFactory.getThreadMXBean();
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("basket-control-loop"))
                .mapToLong(t -> threads.getThreadCpuTime(t.getId())).sum();
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static synchronized void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
