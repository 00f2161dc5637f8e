package org.basket.itests.managers;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.zookeeper.ZooKeeper;
import org.basket.api.driver.DomainState;
import org.basket.api.model.Capacity;
import org.basket.driver.sim.SimulatedHost;
import org.basket.driver.sim.world.RemoteDatacenter;
import org.basket.driver.sim.world.WorldAction;
import org.basket.testsupport.WorldProcess;
import org.basket.testsupport.ZooKeeperServers;

/**
 * Three Basket managers (copies of the built distribution, each a process of its own) on a real three-server
 * ZooKeeper ensemble and one simulated world process, all on loopback ports picked at run time and stopped by PID.
 * The world has {@link #HOSTS} hosts and {@link #VMS} VMs (1 CPU each), all running on node1 before the managers start.
 */
final class ManagerCluster implements AutoCloseable {
    static final List<String> HOSTS = List.of("node1", "node2", "node3", "node4", "node5");
    static final List<String> VMS = IntStream.rangeClosed(1, 20).mapToObj(i -> String.format("vm%02d", i)).toList();
    static final long SESSION_MS = 2_000;
    static final long LEASE_MS = 1_000;
    static final long MIGRATION_MS = 800;
    static final String CHROOT = "/basket-itest";
    static final Duration PATIENCE = Duration.ofSeconds(120);

    final ZooKeeperServers zooKeeper;
    final WorldProcess worldProcess;
    final RemoteDatacenter world;
    final List<ManagerProcess> managers = new ArrayList<>();
    private final List<String> cutOff = new ArrayList<>();
    private boolean closed;

    private ManagerCluster(ZooKeeperServers zooKeeper, WorldProcess worldProcess) {
        this.zooKeeper = zooKeeper;
        this.worldProcess = worldProcess;
        this.world = new RemoteDatacenter(new InetSocketAddress("127.0.0.1", worldProcess.port()));
    }

    /** Starts the ensemble and the world, places the VMs on node1, unpacks and starts the three managers. */
    static ManagerCluster start(Path directory, Path distribution) throws IOException {
        ZooKeeperServers zooKeeper = new ZooKeeperServers(directory, System.getProperty("basket.zookeeperClasspath"), 3,
                "", List.of());
        ManagerCluster cluster = null;
        try {
            zooKeeper.startAll();
            cluster = new ManagerCluster(zooKeeper, WorldProcess.start(0, "--latency-ms", "20"));
            Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "stop the managers' cluster"));
            for (String host : HOSTS) {
                cluster.world.attach(host, new Capacity(64, 131_072));
            }
            for (String vm : VMS) {
                cluster.world.start("node1", vm);
            }
            for (int i = 1; i <= 3; i++) {
                cluster.managers.add(cluster.unpack("m" + i, "127.0.0." + (30 + i), directory.resolve("m" + i),
                        distribution));
            }
            for (ManagerProcess manager : cluster.managers) {
                cluster.startAndAwaitMember(manager);
            }
            return cluster;
        } catch (IOException | RuntimeException | Error e) {
            if (cluster != null) {
                cluster.close();
            } else {
                zooKeeper.close();
            }
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    private ManagerProcess unpack(String id, String address, Path home, Path distribution) throws IOException {
        Map<String, List<String>> definitions = new LinkedHashMap<>();
        HOSTS.forEach(host -> definitions.put("host-" + host, List.of("driver = sim")));
        VMS.forEach(vm -> definitions.put("resource-" + vm, List.of("kind = vm", "cpus = 1", "memory.mb = 1024",
                "migratable = true")));
        return ManagerProcess.unpack(id, address, home, distribution, List.of("mode = zookeeper", "manager.id = " + id,
                "zookeeper.connect = " + zooKeeper.connect(address), "zookeeper.chroot = " + CHROOT,
                "session.timeout.ms = " + SESSION_MS, "lease.ms = " + LEASE_MS), List.of("type = sim",
                "latency.ms = 20", "migration.ms = " + MIGRATION_MS, "world = 127.0.0.1:" + worldProcess.port()),
                definitions);
    }

    /** Starts a manager and waits until it is a member on ZooKeeper: one start at a time, as an operator would. */
    void startAndAwaitMember(ManagerProcess manager) throws IOException {
        manager.start();
        Processes.await(manager.id + " started and registered on ZooKeeper", PATIENCE,
                () -> members().containsKey(manager.id), () -> describe() + "\n" + manager.log());
    }

    // ---- the managers as ZooKeeper sees them

    /** Each manager's member node (role, epoch, session), by id; only the managers with a session. */
    Map<String, Properties> members() {
        Map<String, Properties> members = new TreeMap<>();
        try (ZooKeeper zk = client()) {
            for (String id : zk.getChildren(CHROOT + "/members", false)) {
                Properties record = new Properties();
                byte[] data = zk.getData(CHROOT + "/members/" + id, false, null);
                record.load(new java.io.StringReader(new String(data, StandardCharsets.UTF_8)));
                members.put(id, record);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the members: " + e, e);
        }
        return members;
    }

    private ZooKeeper client() throws Exception {
        CountDownLatch connected = new CountDownLatch(1);
        ZooKeeper zk = new ZooKeeper(zooKeeper.connect("127.0.0.1"), 10_000, event -> {
            if (event.getState() == org.apache.zookeeper.Watcher.Event.KeeperState.SyncConnected) {
                connected.countDown();
            }
        });
        if (!connected.await(10, TimeUnit.SECONDS)) {
            zk.close();
            throw new IOException("no connection to the ensemble");
        }
        return zk;
    }

    /** Waits until exactly one of the running managers is LEADER and the other running ones FOLLOWER; returns it. */
    ManagerProcess awaitOneLeader() {
        Processes.await("one leader, the other running managers following", PATIENCE, () -> {
            Map<String, Properties> members = members();
            List<ManagerProcess> running = managers.stream().filter(ManagerProcess::running).toList();
            return running.stream().allMatch(m -> members.containsKey(m.id))
                    && running.stream().filter(m -> role(members, m).equals("LEADER")).count() == 1
                    && running.stream().map(m -> role(members, m)).allMatch(r -> r.matches("LEADER|FOLLOWER"));
        }, this::describe);
        Map<String, Properties> members = members();
        return managers.stream().filter(m -> m.running() && role(members, m).equals("LEADER")).findFirst().orElseThrow();
    }

    private static String role(Map<String, Properties> members, ManagerProcess manager) {
        Properties record = members.get(manager.id);
        return record == null ? "" : record.getProperty("role", "");
    }

    long epochOf(ManagerProcess manager) {
        return Long.parseLong(members().get(manager.id).getProperty("epoch"));
    }

    List<ManagerProcess> others(ManagerProcess... but) {
        List<ManagerProcess> others = new ArrayList<>(managers);
        others.removeAll(List.of(but));
        return others;
    }

    // ---- the world

    /** Where each VM runs (RUNNING on a powered host), by VM. */
    Map<String, List<String>> placement() {
        Map<String, List<String>> placement = new TreeMap<>();
        VMS.forEach(vm -> placement.put(vm, new ArrayList<>()));
        for (SimulatedHost host : world.hosts()) {
            if (host.poweredOn()) {
                host.domains().forEach((vm, state) -> {
                    if (state == DomainState.RUNNING && placement.containsKey(vm)) {
                        placement.get(vm).add(host.name());
                    }
                });
            }
        }
        return placement;
    }

    /** Whether every VM runs on exactly one host, none of {@code avoided}. */
    boolean everyVmRunsOnceAvoiding(List<String> avoided) {
        return placement().values().stream().allMatch(hosts -> hosts.size() == 1 && !avoided.contains(hosts.get(0)));
    }

    List<WorldAction> actionsSince(long millis) {
        return world.actions().stream().filter(a -> a.receivedMillis() >= millis).toList();
    }

    /**
     * The successful starts, stops and migrations done more than once (what was done to what), each with how often.
     * A fence (power off) is not counted: a new leader fences a host again whose fence an earlier leader had not yet
     * shared (docs/manager-ha.md); powering off a host that is off changes nothing.
     */
    Map<String, Long> doneTwice() {
        return doneTwiceSince(0);
    }

    /** {@link #doneTwice()} among the actions received at or after {@code millis}. */
    Map<String, Long> doneTwiceSince(long millis) {
        return actionsSince(millis).stream().filter(a -> a.succeeded() && !a.request().get(0).equals("fence-power"))
                .collect(Collectors.groupingBy(WorldAction::what, TreeMap::new, Collectors.counting()))
                .entrySet().stream().filter(e -> e.getValue() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
    }

    /** The fences (power off) of each host, by host. */
    Map<String, Long> fences() {
        return world.actions().stream().filter(a -> a.succeeded() && a.what().startsWith("fence-power ")
                && a.what().endsWith(" off")).collect(Collectors.groupingBy(a -> a.request().get(1), TreeMap::new,
                        Collectors.counting()));
    }

    /** The host running the most VMs among {@code among}. */
    String busiestOf(List<String> among) {
        Map<String, Long> count = placement().values().stream().filter(h -> h.size() == 1).map(h -> h.get(0))
                .filter(among::contains).collect(Collectors.groupingBy(h -> h, Collectors.counting()));
        return count.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }

    // ---- cutting a manager off ZooKeeper

    /** Drops every TCP packet to and from the manager's own loopback address: it no longer reaches ZooKeeper. */
    void cutOff(ManagerProcess manager) {
        iptables("-I", manager.zooKeeperAddress);
        cutOff.add(manager.zooKeeperAddress);
    }

    void reconnect(ManagerProcess manager) {
        iptables("-D", manager.zooKeeperAddress);
        cutOff.remove(manager.zooKeeperAddress);
    }

    private static void iptables(String action, String address) {
        Processes.run("iptables", action, "OUTPUT", "-p", "tcp", "-d", address, "-j", "DROP");
        Processes.run("iptables", action, "OUTPUT", "-p", "tcp", "-s", address, "-j", "DROP");
    }

    /** What a failed wait shows: each manager, its member record, the world's placement and its last actions. */
    String describe() {
        StringBuilder text = new StringBuilder("managers: ").append(managers).append("\n");
        try {
            members().forEach((id, record) -> text.append("  member ").append(id).append(": ").append(record).append("\n"));
        } catch (RuntimeException e) {
            text.append("  members unreadable: ").append(e.getMessage()).append("\n");
        }
        try {
            text.append("placement: ").append(placement()).append("\n");
            List<WorldAction> actions = world.actions();
            actions.subList(Math.max(0, actions.size() - 30), actions.size())
                    .forEach(a -> text.append("  ").append(a).append("\n"));
        } catch (RuntimeException e) {
            text.append("world unreadable: ").append(e.getMessage()).append("\n");
        }
        return text.toString();
    }

    /** The last lines of each manager's log, for a failure's message. */
    String logs() {
        StringBuilder text = new StringBuilder();
        for (ManagerProcess manager : managers) {
            List<String> lines = manager.log().lines().toList();
            text.append("---- ").append(manager.id).append(" karaf.log (last 60 lines)\n");
            lines.subList(Math.max(0, lines.size() - 60), lines.size()).forEach(l -> text.append(l).append("\n"));
        }
        return text.toString();
    }

    /** Stops everything it started, by PID; also when the test JVM ends. Runs once. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        new ArrayList<>(cutOff).forEach(address -> iptables("-D", address));
        managers.forEach(ManagerProcess::close);
        try {
            world.close();
            worldProcess.close();
        } catch (Exception e) {
            // stopped anyway
        }
        zooKeeper.close();
    }

    /** A new directory for a run under target/managers; earlier runs (kept for their logs) are deleted. */
    static Path workDirectory() throws IOException {
        Path root = Path.of(System.getProperty("basket.managersWork", "target/managers")).toAbsolutePath();
        Files.createDirectories(root);
        try (var earlier = Files.newDirectoryStream(root, "run-*")) {
            for (Path run : earlier) {
                Processes.run("rm", "-rf", run.toString());
            }
        }
        return Files.createTempDirectory(root, "run-");
    }
}
