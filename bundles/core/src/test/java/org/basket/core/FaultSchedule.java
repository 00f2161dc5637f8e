package org.basket.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.basket.api.cluster.EventKind;
import org.basket.api.coordination.Role;
import org.basket.api.model.ClusterConfig;
import org.basket.api.model.ClusterState;
import org.basket.core.config.ConfigPids;
import org.basket.core.journal.EpochState;
import org.basket.driver.sim.Operation;
import org.basket.driver.sim.SimulatedDatacenter;
import org.basket.driver.sim.internal.SimDriverFactory;
import org.basket.scheduler.Scheduler;
import org.basket.testsupport.ConfigFiles;
import org.basket.testsupport.MutableClock;

/**
 * One random schedule of faults against a manager stepped on a virtual clock, with the simulated
 * hypervisor as ground truth. The seed alone decides the schedule.
 */
final class FaultSchedule {
    static final List<String> HOSTS = List.of("node1", "node2", "node3", "node4");
    static final int STEPS = 25;
    /** After the faults stop, every resource must run within this many observe intervals. */
    static final int RECOVERY_CYCLES = 10;
    static final Duration INTERVAL = Duration.ofSeconds(1);
    private static final Map<String, String> MANAGER = Map.of("settle.ms", "0", "host.dead.timeout.ms", "2000",
            "start.timeout.ms", "20", "stop.timeout.ms", "20", "migrate.timeout.ms", "20", "fence.timeout.ms", "20");
    private final Map<String, String> settings = new HashMap<>(MANAGER);

    /** How often each fault kind was injected across the schedules of this JVM, for the suite's summary. */
    static final Map<String, Integer> INJECTED = new java.util.concurrent.ConcurrentSkipListMap<>();
    private static final List<String> KINDS = List.of("VM crash", "host crash", "host power-on",
            "manager cut off from a host", "contact healed", "operation fails", "operation hangs",
            "fencing fails or works again", "manager crash between cycles", "operator standby flag",
            "configuration change between cycles", "manager crash mid-transition",
            "configuration change mid-transition", "a bad file (a service in no VM, a contradiction)",
            "manager failover (the old leader deposed, not told)", "quiet");
    private final long seed;
    private final Random random;
    private final MutableClock clock = new MutableClock();
    private final ActionGate gate = new ActionGate();
    private final SimulatedDatacenter datacenter = new SimulatedDatacenter(gate);
    private final List<String> log = new ArrayList<>();
    private final Map<String, Map<String, Object>> files = new HashMap<>();
    private ClusterManager manager;
    /** The managers' shared state: each failover elects the next epoch there. */
    private final EpochState shared = new EpochState();
    private long epoch = 1;
    private SettableCoordination coordination;
    /** Deposed leaders that have not noticed: they keep running and must never act again. */
    private final Map<ClusterManager, Long> deposed = new HashMap<>();
    private java.nio.file.Path dir;
    private int extraVms;
    private int badFiles;
    /** Resources removed from the configuration, by this manager or an earlier one: they must end stopped. */
    private final List<String> removed = new ArrayList<>();

    FaultSchedule(long seed) {
        this.seed = seed;
        this.random = new Random(seed);
    }

    /** Runs the schedule; throws AssertionError with the seed and the log when an invariant breaks. */
    void run() throws InterruptedException, java.io.IOException {
        dir = java.nio.file.Files.createTempDirectory("basket-faults");
        settings.put("journal.path", dir.resolve("journal.mv").toString());
        try {
            configure();
            startManager();
            for (int step = 1; step <= STEPS; step++) {
                inject(step);
                clock.advance(Duration.ofMillis(random.nextInt(1500)));
                manager.cycle();
                checkDeposed();
                checkSafety("step " + step);
            }
            heal();
            checkRecovered();
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError("seed " + seed + " (replay: -Dfaults.seed=" + seed + " -Dfaults.schedules=1): "
                    + e.getMessage() + "\nschedule:\n  " + String.join("\n  ", log) + "\nevents:\n  "
                    + String.join("\n  ", manager.events(40).stream().map(Object::toString).toList())
                    + "\naction threads:\n" + actionThreads() + "\n" + manager.observer(), e);
        } finally {
            if (manager != null) {
                manager.stop();
            }
            deposed.keySet().forEach(ClusterManager::stop);
            try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static String actionThreads() {
        StringBuilder text = new StringBuilder();
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            if (thread.getName().startsWith("basket-action") && stack.length > 0
                    && !stack[0].getMethodName().equals("park")) {
                text.append("  ").append(thread.getName()).append('\n');
                for (int i = 0; i < Math.min(12, stack.length); i++) {
                    text.append("    at ").append(stack[i]).append('\n');
                }
            }
        });
        return text.toString();
    }

    private void configure() {
        file(ConfigPids.DRIVER, "sim", "type", "sim", "migration.ms", "0", "latency.ms", "0");
        HOSTS.forEach(h -> file(ConfigPids.HOST, h, "driver", "sim"));
        for (int i = 1; i <= 8; i++) {
            file(ConfigPids.RESOURCE, "vm" + i, "cpus", "2", "migratable", Boolean.toString(i % 3 != 0),
                    "migration.threshold", "1000");
        }
        file(ConfigPids.CONSTRAINT, "apart", "type", "anti-affinity", "resource", "vm1", "with", "vm2");
        file(ConfigPids.CONSTRAINT, "vm3-first", "type", "order", "first", "vm3", "then", "vm4");
    }

    private void startManager() throws InterruptedException {
        manager = new ClusterManager(new SystemTime(clock));
        coordination = new SettableCoordination(Role.leader(epoch, java.time.Instant.EPOCH));
        manager.bindCoordination(coordination);
        manager.bindSharedState(shared);
        files.forEach((pid, raw) -> manager.store().update((String) raw.get("factory"), pid, withoutFactory(raw)));
        manager.bindDriverFactory(new SimDriverFactory(datacenter));
        manager.open(settings);
        manager.cycle();
        manager.cycle();
    }

    private void inject(int step) throws InterruptedException {
        String host = HOSTS.get(random.nextInt(HOSTS.size()));
        String vm = "vm" + (1 + random.nextInt(8));
        int kind = random.nextInt(KINDS.size());
        String fault;
        switch (kind) {
            case 0:
                fault = crashVm(vm);
                break;
            case 1:
                datacenter.crashHost(host);
                fault = "crash host " + host;
                break;
            case 2:
                datacenter.powerOn(host);
                fault = "power on " + host;
                break;
            case 3:
                datacenter.cutContact(host, true);
                fault = "cut manager off " + host + " (it keeps running)";
                break;
            case 4:
                datacenter.cutContact(host, false);
                fault = "heal contact with " + host;
                break;
            case 5: {
                Operation op = List.of(Operation.START, Operation.STOP, Operation.MIGRATE).get(random.nextInt(3));
                String target = random.nextBoolean() ? host : vm;
                datacenter.failNext(op, target, 1 + random.nextInt(2));
                fault = "fail next " + op + " on " + target;
                break;
            }
            case 6: {
                Operation op = List.of(Operation.START, Operation.STOP, Operation.MIGRATE).get(random.nextInt(3));
                datacenter.hang(op, vm);
                fault = "hang " + op + " of " + vm;
                break;
            }
            case 7: {
                boolean fails = random.nextBoolean();
                datacenter.failFence(host, fails);
                fault = "fencing " + host + (fails ? " fails" : " works again");
                break;
            }
            case 8:
                manager.stop();
                startManager();
                fault = "manager crashed and restarted";
                break;
            case 11:
                fault = midTransition(crashVm(vm), true, vm);
                break;
            case 12:
                fault = midTransition(crashVm(vm), false, vm);
                break;
            case 9:
                manager.setStandby(host, random.nextBoolean());
                fault = "standby flag of " + host + " changed";
                break;
            case 10:
                fault = changeConfig(vm);
                break;
            case 13:
                fault = badFile();
                break;
            case 14:
                fault = failover();
                break;
            default:
                kind = KINDS.size() - 1;
                fault = "quiet";
        }
        log.add("step " + step + ": " + fault);
        String name = KINDS.get(kind);
        if (kind == 11 || kind == 12) {
            name += fault.contains("call(s) in flight") ? " (calls in flight)" : " (nothing in flight)";
        }
        INJECTED.merge(name, 1, Integer::sum);
    }

    /**
     * Gives the manager work ({@code cause}), runs a cycle whose hypervisor calls wait at the gate,
     * and while they wait crashes the manager or changes the configuration. A crashed manager's calls
     * then complete, as a hypervisor completes what a dead manager asked for, before a new manager
     * starts on the same journal.
     */
    private String midTransition(String cause, boolean crash, String vm) throws InterruptedException {
        gate.close();
        datacenter.setLatency(Duration.ofNanos(1));
        Thread cycle = new Thread(() -> {
            try {
                manager.cycle();
            } catch (InterruptedException | RuntimeException e) {
                // the manager died under it
            }
        }, "fault-cycle");
        cycle.start();
        int inFlight = gate.awaitCaller(cycle, Duration.ofSeconds(2));
        ClusterManager dead = crash ? manager : null;
        String what = "manager crashed";
        if (crash) {
            dead.stop();
            cycle.interrupt();
        } else {
            what = changeConfig(vm);
            manager.configChanged();
        }
        gate.open();
        cycle.join();
        gate.awaitPassed(Duration.ofSeconds(2));
        datacenter.setLatency(Duration.ZERO);
        if (dead != null) {
            awaitIdle(dead);
            startManager();
        }
        return cause + ", then " + what + (inFlight > 0 ? " with " + inFlight + " hypervisor call(s) in flight"
                : " (no call was in flight)") + (dead != null ? "; a new manager started" : "");
    }

    /**
     * A newer leader is elected on another machine (its own journal) while the old one runs on, its lease run out but
     * its role not yet changed, as a paused or cut-off leader: from then on the old one must not act at all.
     */
    private String failover() throws InterruptedException {
        ClusterManager old = manager;
        coordination.leadsOnly(-1);
        deposed.put(old, old.events(1).get(0).sequence());
        epoch++;
        shared.elect(epoch);
        settings.put("journal.path", dir.resolve("journal-" + epoch + ".mv").toString());
        startManager();
        return "failover: epoch " + epoch + " leads on another machine; the old leader runs on, deposed";
    }

    /** No deposed leader starts a transition after it was deposed, however its world changes. */
    private void checkDeposed() throws InterruptedException {
        for (Map.Entry<ClusterManager, Long> old : deposed.entrySet()) {
            old.getKey().cycle();
            List<String> acted = old.getKey().events(2000).stream().filter(e -> e.sequence() > old.getValue()
                    && e.kind() == EventKind.TRANSITION_STARTED)
                    .map(Object::toString).toList();
            assertEquals(List.of(), acted, "a deposed leader acted");
        }
    }

    private static void awaitIdle(ClusterManager dead) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (!dead.isIdle() && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
    }

    private String crashVm(String vm) {
        if (datacenter.activeHosts(vm).isEmpty()) {
            return "crash " + vm + " (not running: no-op)";
        }
        datacenter.crashDomain(vm);
        return "crash " + vm;
    }

    /**
     * A file that must be rejected without stopping failover for the rest: a guest service in no VM, in
     * itself or in a service, a colocation contradicting the anti-affinity in force, an order closing a loop.
     */
    private String badFile() {
        String name = "bad" + (++badFiles);
        String[] keys = switch (random.nextInt(5)) {
            case 0 -> new String[] {"kind", "guest-service", "container", "vm" + (9 + random.nextInt(3)), "check", "systemd"};
            case 1 -> new String[] {"kind", "guest-service", "container", name, "check", "systemd"};
            case 2 -> new String[] {"kind", "guest-service", "container", badFiles > 1 ? "bad" + (badFiles - 1) : name,
                    "check", "systemd"};
            case 3 -> new String[] {"type", "colocation", "resource", "vm1", "with", "vm2", "score", "INFINITY"};
            default -> new String[] {"type", "order", "first", "vm4", "then", "vm3"};
        };
        String factory = keys[0].equals("kind") ? ConfigPids.RESOURCE : ConfigPids.CONSTRAINT;
        file(factory, name, keys);
        manager.store().update(factory, pid(factory, name), withoutFactory(files.get(pid(factory, name))));
        manager.configChanged();
        return "config: bad file " + name + " " + String.join(" ", keys);
    }

    private String changeConfig(String vm) {
        if (random.nextBoolean()) {
            String name = "extra" + (++extraVms);
            file(ConfigPids.RESOURCE, name, "cpus", "1", "migration.threshold", "1000");
            manager.store().update(ConfigPids.RESOURCE, pid(ConfigPids.RESOURCE, name),
                    withoutFactory(files.get(pid(ConfigPids.RESOURCE, name))));
            return "config: add " + name;
        }
        String name = "extra" + extraVms;
        if (extraVms == 0 || !files.containsKey(pid(ConfigPids.RESOURCE, name))) {
            return "config: nothing to remove";
        }
        files.remove(pid(ConfigPids.RESOURCE, name));
        manager.store().delete(pid(ConfigPids.RESOURCE, name));
        removed.add(name);
        return "config: remove " + name;
    }

    private void heal() throws InterruptedException {
        log.add("faults stop: power on and reconnect every host, clear injected faults, no standby");
        datacenter.clearFaults();
        for (String host : HOSTS) {
            datacenter.failFence(host, false);
            datacenter.cutContact(host, false);
            datacenter.powerOn(host);
            manager.setStandby(host, false);
        }
    }

    private void checkRecovered() throws InterruptedException {
        int cycle = 0;
        do {
            clock.advance(INTERVAL);
            manager.cycle();
            checkSafety("recovery cycle " + ++cycle);
        } while (cycle < RECOVERY_CYCLES && !converged());
        for (String resource : manager.snapshot().config().resources().keySet()) {
            assertEquals(1, datacenter.activeHosts(resource).size(), resource + " runs on exactly one host within "
                    + RECOVERY_CYCLES + " intervals after the faults stop: " + datacenter.activeHosts(resource)
                    + "; the manager sees " + manager.snapshot().state().resource(resource) + ", hosts "
                    + manager.snapshot().state().hosts().values());
        }
        for (String name : removed) {
            assertEquals(List.of(), datacenter.activeHosts(name), name + " was removed and must be stopped");
        }
        List<String> apart = new ArrayList<>(datacenter.activeHosts("vm1"));
        apart.retainAll(datacenter.activeHosts("vm2"));
        assertEquals(List.of(), apart, "vm1 and vm2 never share a host once converged");
    }

    /**
     * Converged: no action thread runs (an action given up on after its timeout may still take
     * effect), every resource runs once, and the scheduler has nothing left to do.
     */
    private boolean converged() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (!manager.isIdle()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(1);
        }
        manager.cycle();
        ClusterConfig config = manager.snapshot().config();
        ClusterState state = manager.snapshot().state();
        return config.resources().keySet().stream().allMatch(r -> state.resource(r).activeOn().size() == 1)
                && new Scheduler().plan(config, state).transition().isEmpty();
    }

    /** The invariants that hold at every instant, whatever the faults. */
    private void checkSafety(String when) {
        assertEquals(List.of(), datacenter.violations(), when + ": a VM was active on two hosts at once");
    }

    private void file(String factoryPid, String name, String... keyValues) {
        Map<String, Object> raw = ConfigFiles.properties(factoryPid, name, keyValues);
        raw.put("factory", factoryPid);
        files.put(pid(factoryPid, name), raw);
    }

    private static String pid(String factoryPid, String name) {
        return factoryPid + "~" + name;
    }

    private static Map<String, Object> withoutFactory(Map<String, Object> raw) {
        Map<String, Object> copy = new HashMap<>(raw);
        copy.remove("factory");
        return copy;
    }
}
