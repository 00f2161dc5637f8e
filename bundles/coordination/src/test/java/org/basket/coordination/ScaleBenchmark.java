package org.basket.coordination;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.BooleanSupplier;

import org.basket.driver.sim.world.RemoteDatacenter;
import org.basket.driver.sim.world.WorldAction;

/**
 * Several managers at scale: a real 3-server ZooKeeper ensemble, one simulated world process ({@link ScaleWorld}:
 * {@code hosts} hosts with {@code vmsPerHost} running VMs each, 20 ms per call) and {@code managers} managers, each a
 * JVM of its own ({@code org.basket.core.ScaleManager}: the real ClusterManager with the ZooKeeper coordination), so
 * that each one's CPU time and heap are its own. Measures each manager's adoption, steady state (CPU share, heap after
 * GC, loop turns, driver events), a churn of VM crashes (crash -> restart issued, from the world's record of when each
 * call reached it) and a host crash (crash -> every restart issued). Run with
 * {@code scripts/bench-managers-at-scale.sh [hosts] [vms per host] [managers] [steady s] [VM crashes/s]}.
 */
public final class ScaleBenchmark {
    private final int hosts;
    private final int vmsPerHost;
    private final Path dir;
    private final List<Process> processes = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Map<String, Process> managers = new HashMap<>();
    private volatile RemoteDatacenter world;
    private volatile ZooKeeperEnsemble ensemble;

    private ScaleBenchmark(int hosts, int vmsPerHost, Path dir) {
        this.hosts = hosts;
        this.vmsPerHost = vmsPerHost;
        this.dir = dir;
    }

    public static void main(String[] args) throws Exception {
        int hosts = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int perHost = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int count = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int steady = args.length > 3 ? Integer.parseInt(args[3]) : 30;
        int crashRate = args.length > 4 ? Integer.parseInt(args[4]) : 20;
        System.out.printf("%,d hosts, %,d VMs, %d manager(s) on a 3-server ZooKeeper ensemble; %d cores; load: %s%n",
                hosts, hosts * perHost, count, Runtime.getRuntime().availableProcessors(), load());
        ScaleBenchmark bench = new ScaleBenchmark(hosts, perHost, Processes.workDirectory("scale"));
        Thread stop = new Thread(bench::stopAll, "scale-stop"); // also on SIGTERM or Ctrl-C: no process left behind
        Runtime.getRuntime().addShutdownHook(stop);
        bench.ensemble = ZooKeeperEnsemble.start("scale-zk", 3);
        bench.run(bench.ensemble, count, steady, crashRate);
    }

    private void run(ZooKeeperEnsemble ensemble, int count, int steady, int crashRate) throws Exception {
        long t0 = System.nanoTime();
        Process worldProcess = launch("world", "-Xmx3g", "-XX:+UseG1GC", ScaleWorld.class.getName(),
                Integer.toString(hosts), Integer.toString(vmsPerHost), System.getProperty("bench.latency.ms", "20"));
        String address = awaitLine("world", "world listening on ", 600).orElseThrow();
        String[] hostPort = address.split(":");
        world = new RemoteDatacenter(new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])));
        System.out.printf("world process %d at %s, populated in %,d ms%n", worldProcess.pid(), address,
                (System.nanoTime() - t0) / 1_000_000);
        List<String> settings = new ArrayList<>();
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("bench.manager."))
                .forEach(k -> settings.add(k.substring("bench.manager.".length()) + "=" + System.getProperty(k)));
        for (int i = 1; i <= count; i++) {
            String id = "m" + i;
            List<String> args = new ArrayList<>(List.of(id, ensemble.connect(), address, Integer.toString(hosts),
                    Integer.toString(vmsPerHost), dir.resolve(id).resolve("journal.mv").toString()));
            args.addAll(settings);
            managers.put(id, launch(id, System.getProperty("bench.manager.heap", "-Xmx3g"),
                    "-XX:+ExplicitGCInvokesConcurrent", "org.basket.core.ScaleManager", args.toArray(String[]::new)));
        }
        System.out.println("manager settings: " + settings + "; manager JVMs: " + System.getProperty(
                "bench.manager.heap", "-Xmx3g"));
        for (String id : managers.keySet()) {
            String adopted = awaitLine(id, "adopted ", 1200).orElseThrow();
            System.out.printf("%s adopted (every host probed, every VM seen where it runs) %s ms after its start%n", id,
                    adopted);
        }
        String leader = await("one leader", () -> leaders().size() == 1, 120) ? leaders().get(0) : "?";
        System.out.println("leader: " + leader + "; load: " + load());
        Thread.sleep(5000);
        measureAll("steady state", steady);
        if (crashRate > 0) {
            churn(crashRate, Math.max(10, steady / 2));
        }
        hostCrash();
        System.out.printf("VMs ever active on two hosts (the world's record): %d; load after: %s%n",
                world.violations().size(), load());
        for (String id : managers.keySet().stream().sorted().toList()) {
            System.out.printf("roles of %s: %s%n", id, String.join(" -> ", lines(id).stream()
                    .filter(l -> l.startsWith("role ")).map(l -> l.substring(5)).toList()));
        }
    }

    private List<String> leaders() {
        return managers.keySet().stream().filter(id -> lastLine(id, "role ").filter(l -> l.startsWith("LEADER"))
                .isPresent()).sorted().toList();
    }

    /** Asks each manager to measure itself for {@code seconds}, all at once, and prints what each says. */
    private void measureAll(String what, int seconds) throws Exception {
        Map<String, Integer> before = new HashMap<>();
        for (String id : managers.keySet()) {
            before.put(id, count(id, "steady "));
            send(id, "measure " + seconds);
        }
        for (String id : managers.keySet()) {
            await(id + " measured", () -> count(id, "steady ") > before.get(id), seconds + 120);
            System.out.printf("%s, %s: %s%n", what, id, lastLine(id, "steady ").orElseThrow());
        }
        System.out.println("  load: " + load());
    }

    private void churn(int perSecond, int seconds) throws Exception {
        Random random = new Random(13);
        Map<String, Long> crashedAt = new HashMap<>();
        for (String id : managers.keySet()) {
            send(id, "measure " + (seconds + 5));
        }
        long wall0 = System.nanoTime();
        long period = 1_000_000_000L / perSecond;
        for (int i = 0; i < perSecond * seconds; i++) {
            long wait = wall0 + i * period - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            int h = 1 + random.nextInt(hosts);
            String vm = ScaleNames.vm(h, 1 + random.nextInt(vmsPerHost));
            if (crashedAt.containsKey(vm) || h == hosts / 2) {
                continue;
            }
            crashedAt.put(vm, System.currentTimeMillis());
            world.crashDomain(vm);
        }
        double injectSeconds = (System.nanoTime() - wall0) / 1e9;
        Map<String, Long> started = new HashMap<>();
        await("every crashed VM started again", () -> {
            started.putAll(startsAfter(crashedAt));
            return started.keySet().containsAll(crashedAt.keySet());
        }, 300);
        long all = started.values().stream().mapToLong(Long::longValue).max().orElseThrow()
                - crashedAt.values().stream().mapToLong(Long::longValue).min().orElseThrow();
        List<Long> lags = crashedAt.entrySet().stream().map(e -> started.get(e.getKey()) - e.getValue()).sorted()
                .toList();
        System.out.printf("churn: %d VM crashes in %.1f s (%.1f/s), the last restart issued %,d ms after the first "
                        + "crash; crash -> restart issued: median %,d ms, max %,d ms%n", crashedAt.size(),
                injectSeconds, crashedAt.size() / injectSeconds, all, lags.get(lags.size() / 2),
                lags.get(lags.size() - 1));
        for (String id : managers.keySet()) {
            await(id + " measured", () -> lastLine(id, "steady ").isPresent() && count(id, "steady ") >= 2, 300);
            System.out.printf("during the churn, %s: %s%n", id, lastLine(id, "steady ").orElseThrow());
        }
        System.out.println("  load: " + load());
    }

    /** The first successful start of each VM the world received at or after its crash, as received. */
    private Map<String, Long> startsAfter(Map<String, Long> crashedAt) {
        Map<String, Long> started = new HashMap<>();
        for (WorldAction action : world.actions()) {
            if (action.succeeded() && action.request().get(0).equals("start")) {
                String vm = action.request().get(2);
                Long crash = crashedAt.get(vm);
                if (crash != null && action.receivedMillis() >= crash) {
                    started.merge(vm, action.receivedMillis(), Math::min);
                }
            }
        }
        return started;
    }

    private void hostCrash() throws Exception {
        int h = hosts / 2;
        String host = ScaleNames.host(h);
        Map<String, Long> victims = new HashMap<>();
        Thread.sleep(3000);
        long crash = System.currentTimeMillis();
        for (int v = 1; v <= vmsPerHost; v++) {
            victims.put(ScaleNames.vm(h, v), crash);
        }
        world.crashHost(host);
        Map<String, Long> started = new HashMap<>();
        await("every VM of " + host + " started elsewhere", () -> {
            started.putAll(startsAfter(victims));
            return started.keySet().containsAll(victims.keySet());
        }, 300);
        long fenced = world.actions().stream().filter(a -> a.succeeded() && a.what().startsWith("fence-power " + host)
                && a.receivedMillis() >= crash).mapToLong(WorldAction::receivedMillis).min().orElse(-1);
        long last = started.values().stream().mapToLong(Long::longValue).max().orElseThrow();
        System.out.printf("host crash (%d VMs): fence call %,d ms after the crash, every restart issued %,d ms%n",
                victims.size(), fenced < 0 ? -1 : fenced - crash, last - crash);
    }

    private Process launch(String name, String heap, String gc, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), heap, gc, "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp",
                System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile()).start();
        processes.add(process);
        return process;
    }

    private void send(String id, String line) throws IOException {
        OutputStream in = managers.get(id).getOutputStream();
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    private List<String> lines(String name) {
        try {
            return Files.readAllLines(dir.resolve(name + ".log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return List.of();
        }
    }

    private Optional<String> lastLine(String name, String prefix) {
        List<String> lines = lines(name);
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).startsWith(prefix)) {
                return Optional.of(lines.get(i).substring(prefix.length()));
            }
        }
        return Optional.empty();
    }

    private int count(String name, String prefix) {
        return (int) lines(name).stream().filter(l -> l.startsWith(prefix)).count();
    }

    private Optional<String> awaitLine(String name, String prefix, int seconds) throws InterruptedException {
        await(name + ": a line '" + prefix + "...'", () -> lastLine(name, prefix).isPresent(), seconds);
        return lastLine(name, prefix);
    }

    private boolean await(String what, BooleanSupplier condition, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(what + ": not within " + seconds + " s (logs in " + dir + ")");
            }
            for (Process p : processes) {
                if (!p.isAlive()) {
                    throw new IllegalStateException(what + ": process " + p.pid() + " ended (logs in " + dir + ")");
                }
            }
            Thread.sleep(100);
        }
        return true;
    }

    private synchronized void stopAll() {
        if (world != null) {
            world.close();
        }
        processes.forEach(Processes::kill);
        if (ensemble != null) {
            ensemble.close();
        }
    }

    static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
