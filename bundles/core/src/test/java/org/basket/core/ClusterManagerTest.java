package org.basket.core;

import static org.awaitility.Awaitility.await;
import static org.basket.core.EventMatch.aboutHost;
import static org.basket.core.EventMatch.done;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.basket.api.cluster.ClusterEvent;
import org.basket.api.cluster.ClusterEventListener;
import org.basket.api.cluster.ClusterService;
import org.basket.api.cluster.EventKind;
import org.basket.api.driver.HypervisorDriverFactory;
import org.basket.api.fence.FenceDeviceFactory;
import org.basket.api.model.HostState;
import org.basket.api.model.ResourceStatus;
import org.basket.core.config.ConfigPids;
import org.basket.driver.sim.Operation;
import org.basket.driver.sim.SimulatedDatacenter;
import org.basket.fence.internal.FenceAgentFactory;
import org.basket.testsupport.ConfigFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The manager outside OSGi against the simulated hypervisor, with faults injected, on virtual time. Host
 * crashes, cut-off hosts and fencing back-off are cases of the engine scenarios (src/test/resources/engine-scenarios).
 */
class ClusterManagerTest {
    private static final List<String> VMS = List.of("app1", "app2", "db", "web");

    private final VirtualCluster cluster = new VirtualCluster();
    private final SimulatedDatacenter datacenter = cluster.datacenter;
    private final HypervisorDriverFactory driver = cluster.driver;
    /** The standard fence agents, as the fence bundle registers them in OSGi. */
    private final FenceDeviceFactory fenceAgents = new FenceAgentFactory();
    private final ClusterManager manager = cluster.manager;

    @BeforeEach
    void start() {
        file(ConfigPids.DRIVER, "sim", "type", "sim", "migration.ms", "50");
        for (String host : List.of("node1", "node2", "node3")) {
            file(ConfigPids.HOST, host, "driver", "sim");
        }
        VMS.forEach(vm -> file(ConfigPids.RESOURCE, vm, "cpus", "2"));
        file(ConfigPids.CONSTRAINT, "apart", "type", "anti-affinity", "resource", "app1", "with", "app2");
        file(ConfigPids.CONSTRAINT, "db-first", "type", "order", "first", "db", "then", "web");
        manager.bindFenceDeviceFactory(fenceAgents, Map.of());
        cluster.start(Map.of("settle.ms", "0", "observe.interval.ms", "50", "host.dead.timeout.ms", "300"));
        cluster.until(this::allRunning, Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() {
        cluster.close();
        assertEquals(List.of(), datacenter.violations(), "no VM was ever active on two hosts");
    }

    @Test
    void placesEverythingWithItsConstraints() {
        assertNotEquals(hostOf("app1"), hostOf("app2"));
        long db = cluster.sequenceOf(done("start db on " + hostOf("db")));
        long web = cluster.sequenceOf(done("start web on " + hostOf("web")));
        assertTrue(db > 0 && web > db, "db started before web");
    }

    @Test
    void aVmThatFitsNowhereSaysWhyUntilItFits() {
        file(ConfigPids.RESOURCE, "huge", "memory.mb", "100000");
        manager.configChanged();
        cluster.until(() -> !manager.snapshot().reason("huge").isEmpty(), Duration.ofSeconds(5));
        assertTrue(manager.snapshot().reason("huge").startsWith("cannot run anywhere: node1 has "),
                manager.snapshot().reason("huge"));
        assertTrue(manager.snapshot().reason("huge").contains("needs 1 CPU / 100000 MB"),
                manager.snapshot().reason("huge"));
        assertEquals("", manager.snapshot().reason("db"), "running where it should");

        file(ConfigPids.RESOURCE, "huge", "memory.mb", "1024");
        manager.configChanged();
        cluster.until(() -> status("huge").isActive(), Duration.ofSeconds(5));
        assertEquals(Map.of(), manager.snapshot().reasons());
    }

    @Test
    void crashedVmIsRestartedInPlace() {
        String host = hostOf("db");
        datacenter.crashDomain("db");
        cluster.until(() -> status("db").failCount(host) == 1 && status("db").isActive(), Duration.ofSeconds(5));
        assertEquals(host, hostOf("db"));
        assertTrue(status("db").lastFailure(host).isPresent(), "the failure's time, for the failure timeout");
    }

    @Test
    void standbyDrainsByLiveMigration() {
        String host = hostOf("db");
        manager.setStandby(host, true);
        cluster.until(() -> manager.snapshot().state().resources().values().stream()
                .noneMatch(r -> r.activeOn().contains(host)) && allRunning(), Duration.ofSeconds(5));
        assertTrue(cluster.sequenceOf(done("migrate db from " + host + " to " + hostOf("db"))) > 0);
        VMS.forEach(vm -> assertEquals(1, datacenter.maxActiveHosts(vm), vm));
    }

    @Test
    void failedStartIsRetriedAndCounted() {
        manager.store().update(ConfigPids.RESOURCE, "pid-extra", ConfigFiles.properties(ConfigPids.RESOURCE, "extra"));
        datacenter.failNext(Operation.START, "extra", 1);
        manager.configChanged();
        cluster.until(() -> status("extra").isActive(), Duration.ofSeconds(5));
        assertEquals(1, status("extra").failCounts().values().stream().mapToInt(Integer::intValue).sum());
    }

    @Test
    void removedDriverLeavesHostsUnmanagedAndTouchesNothing() {
        manager.unbindDriverFactory(driver);
        cluster.until(() -> manager.snapshot().state().hosts().values().stream()
                .allMatch(h -> h.state() == HostState.UNMANAGED), Duration.ofSeconds(5));
        long last = manager.events(1).get(0).sequence();
        cluster.advance(Duration.ofMillis(500));
        assertTrue(allRunning(), "resources keep their last known place");
        assertTrue(manager.events(100).stream().filter(e -> e.sequence() > last)
                .noneMatch(e -> e.kind() == EventKind.TRANSITION_STARTED));
    }

    @Test
    void refusedDriverSettingsKeepTheEndpointOpenWithItsLastGoodOnes() {
        file(ConfigPids.DRIVER, "sim", "type", "sim", "migration.ms", "50", "host.memory.mb", "-1");
        manager.configChanged();
        cluster.until(() -> manager.snapshot().drivers().get("sim")
                .startsWith("connected (type sim); driver 'sim': new settings refused, the last good ones stay in force: "), Duration.ofSeconds(5));
        assertTrue(manager.snapshot().drivers().get("sim").contains("key 'host.memory.mb': must be from 1 up: '-1'"),
                manager.snapshot().drivers().toString());
        assertTrue(manager.snapshot().state().hosts().values().stream().noneMatch(h -> h.state() == HostState.UNMANAGED));
        String host = hostOf("db");
        datacenter.crashDomain("db");
        cluster.until(() -> status("db").failCount(host) == 1 && status("db").isActive(), Duration.ofSeconds(5));

        file(ConfigPids.DRIVER, "sim", "type", "sim", "migration.ms", "50");
        manager.configChanged();
        cluster.until(() -> manager.snapshot().drivers().get("sim").equals("connected (type sim)"), Duration.ofSeconds(5));
    }

    @Test
    void removedResourceIsStopped() {
        String host = hostOf("web");
        manager.store().delete("pid-" + ConfigPids.RESOURCE + "-web");
        manager.configChanged();
        cluster.until(() -> datacenter.activeHosts("web").isEmpty(), Duration.ofSeconds(5));
        assertTrue(cluster.sequenceOf(done("stop web on " + host)) > 0);
    }

    @Test
    void fenceLevelsAreTriedInOrderBeforeTheDriver(@TempDir Path dir) throws Exception {
        Path power = dir.resolve("power");
        Files.writeString(power, "on");
        String host = hostOf("web");
        file(ConfigPids.FENCE, "broken", "host", host, "level", "1", "agent", "fence_dummy", "type", "fail",
                "power_timeout", "1");
        file(ConfigPids.FENCE, "dummy", "host", host, "level", "2", "agent", "fence_dummy", "type", "file",
                "status_file", power.toString());
        manager.configChanged();
        datacenter.crashHost(host);
        cluster.until(() -> allRunning() && !hostOf("web").equals(host), Duration.ofSeconds(10));
        assertEquals("off", Files.readString(power).trim(), "level 2 powered the host off after level 1 failed");
        assertTrue(cluster.sequenceOf(fencedBy(host, "fence_dummy")) > 0);
    }

    @Test
    void aLevelOneOfWhoseDevicesFailsHasNotFencedTheHost(@TempDir Path dir) throws Exception {
        Path feedA = dir.resolve("feed-a");
        Path bmc = dir.resolve("bmc");
        Files.writeString(feedA, "on");
        Files.writeString(bmc, "on");
        String host = hostOf("web");
        file(ConfigPids.FENCE, "feed-a", "host", host, "level", "1", "agent", "fence_dummy", "type", "file",
                "status_file", feedA.toString());
        file(ConfigPids.FENCE, "feed-b", "host", host, "level", "1", "agent", "fence_dummy", "type", "fail",
                "power_timeout", "1");
        file(ConfigPids.FENCE, "bmc", "host", host, "level", "2", "agent", "fence_dummy", "type", "file",
                "status_file", bmc.toString());
        manager.configChanged();
        datacenter.crashHost(host);
        cluster.until(() -> allRunning() && !hostOf("web").equals(host), Duration.ofSeconds(10));
        assertEquals("off", Files.readString(feedA).trim(), "level 1 powered off what it could");
        assertEquals("off", Files.readString(bmc).trim(), "feed-b failed, so level 1 did not fence the host: level 2 did");
        assertTrue(cluster.sequenceOf(fencedBy(host, "fence_dummy")) > 0);
        assertEquals(-1, cluster.sequenceOf(aboutHost(EventKind.HOST_FENCED, host).and(e -> e.message().contains(" + "))),
                "no level of two devices fenced it");
    }

    @Test
    void aFenceDeviceChangeItsAgentRefusesKeepsThePreviousDevice(@TempDir Path dir) throws Exception {
        String host = hostOf("web");
        Path power = dummyFenceInForce(dir, host);
        file(ConfigPids.FENCE, "dummy", "host", host, "agent", "fence_dummy", "type", "file",
                "statusfile", power.toString());
        manager.configChanged();
        cluster.until(() -> manager.snapshot().problems().toString().contains(
                "org.basket.fence-dummy.cfg: fence_dummy: unknown parameter 'statusfile'"), Duration.ofSeconds(5));
        assertTrue(manager.snapshot().problems().toString().endsWith("(the previous definition stays in force)]"),
                manager.snapshot().problems().toString());

        datacenter.crashHost(host);
        cluster.until(() -> allRunning() && !hostOf("web").equals(host), Duration.ofSeconds(10));
        assertEquals("off", Files.readString(power).trim(), "the previous definition fenced the host");
    }

    @Test
    void aFenceDeviceWhoseMethodIsNotDeployedIsAProblemUntilTheMethodComes(@TempDir Path dir) throws Exception {
        Path power = dir.resolve("power");
        Files.writeString(power, "on");
        String host = hostOf("web");
        manager.unbindFenceDeviceFactory(fenceAgents);
        file(ConfigPids.FENCE, "dummy", "host", host, "agent", "fence_dummy", "type", "file",
                "status_file", power.toString());
        manager.configChanged();
        cluster.until(() -> manager.snapshot().problems().toString().equals(
                "[org.basket.fence-dummy.cfg: key 'agent': no fence method for agent fence_dummy is deployed]"), Duration.ofSeconds(5));

        manager.bindFenceDeviceFactory(fenceAgents, Map.of());
        cluster.until(() -> manager.snapshot().problems().isEmpty(), Duration.ofSeconds(5));
        datacenter.crashHost(host);
        cluster.until(() -> allRunning() && !hostOf("web").equals(host), Duration.ofSeconds(10));
        assertEquals("off", Files.readString(power).trim(), "the device works once its method is deployed");
        assertTrue(cluster.sequenceOf(fencedBy(host, "fence_dummy")) > 0);
    }

    @Test
    void aWithdrawnFenceMethodLeavesTheHostWithItsDriversFencing(@TempDir Path dir) throws Exception {
        String host = hostOf("web");
        Path power = dummyFenceInForce(dir, host);

        manager.unbindFenceDeviceFactory(fenceAgents);
        cluster.until(() -> manager.snapshot().problems().toString().equals(
                "[org.basket.fence-dummy.cfg: key 'agent': no fence method for agent fence_dummy is deployed]"), Duration.ofSeconds(5));
        datacenter.crashHost(host);
        cluster.until(() -> allRunning() && !hostOf("web").equals(host), Duration.ofSeconds(10));
        assertEquals("on", Files.readString(power).trim(), "the withdrawn method's device was not used");
        assertTrue(cluster.sequenceOf(fencedBy(host, "sim-bmc")) > 0);
    }

    @Test
    void refusedManagerSettingsAreAProblemAndThePreviousOnesStay() {
        Map<String, Object> good = new HashMap<>(Map.of("settle.ms", "0", "observe.interval.ms", "50",
                "host.dead.timeout.ms", "300"));
        Map<String, Object> bad = new HashMap<>(good);
        bad.put("placement.strategy", "cheapest");
        bad.put("felix.fileinstall.filename", "file:/etc/org.basket.manager.cfg");
        manager.modified(bad);
        cluster.until(() -> manager.snapshot().problems().stream()
                .anyMatch(p -> p.source().equals("org.basket.manager.cfg") && p.key().equals("placement.strategy")
                        && p.reason().endsWith("(the previous settings stay in force)")), Duration.ofSeconds(5));
        String host = hostOf("db");
        datacenter.crashDomain("db");
        cluster.until(() -> status("db").failCount(host) == 1 && status("db").isActive(), Duration.ofSeconds(5));

        manager.modified(good);
        cluster.until(() -> manager.snapshot().problems().isEmpty(), Duration.ofSeconds(5));
    }

    @Test
    void fenceDevicesWithBadConfigurationAreRejected() {
        file(ConfigPids.FENCE, "typo", "host", "node1", "agent", "fence_dummy", "statusfile", "/tmp/x");
        file(ConfigPids.FENCE, "nosuch", "host", "node1", "agent", "fence_nosuch");
        file(ConfigPids.FENCE, "ghost", "host", "node9", "agent", "fence_dummy");
        manager.configChanged();
        cluster.until(() -> manager.snapshot().problems().size() == 3, Duration.ofSeconds(5));
        String problems = manager.snapshot().problems().toString();
        assertTrue(problems.contains("org.basket.fence-typo.cfg: fence_dummy: unknown parameter 'statusfile'"), problems);
        assertTrue(problems.contains("org.basket.fence-nosuch.cfg: "), problems);
        assertTrue(problems.contains("org.basket.fence-ghost.cfg: key 'host': names host 'node9', which is not configured"),
                problems);
    }

    @Test
    void operatorFencesAndConfirms() throws Exception {
        String host = hostOf("db");
        assertTrue(manager.fence(host).startsWith("sim-bmc"));
        cluster.until(() -> allRunning() && !hostOf("db").equals(host), Duration.ofSeconds(5));

        String other = hostOf("web");
        datacenter.cutContact(other, true);
        datacenter.failFence(other, true);
        datacenter.crashHost(other);
        manager.confirmFenced(other);
        cluster.until(() -> status("web").isActive() && !hostOf("web").equals(other), Duration.ofSeconds(5));
        assertTrue(cluster.sequenceOf(aboutHost(EventKind.HOST_FENCED, other)) > 0, "its fencing fails: the operator's"
                + " confirmation is its only fencing");
    }

    @Test
    void failCountsFlagsAndHistorySurviveAManagerRestart(@TempDir Path dir) throws Exception {
        SimulatedDatacenter world = new SimulatedDatacenter();
        Map<String, String> settings = Map.of("settle.ms", "0", "observe.interval.ms", "50",
                "journal.path", dir.resolve("journal.mv").toString());
        VirtualCluster before = startedOn(world, settings);
        ClusterManager first = before.manager;
        before.until(() -> first.snapshot().state().resource("db").isActive(), Duration.ofSeconds(5));
        String host = first.snapshot().state().resource("db").activeOn().get(0);
        world.crashDomain("db");
        before.until(() -> first.snapshot().state().resource("db").failCount(host) == 1, Duration.ofSeconds(5));
        first.setStandby("node3", true);
        first.setMaintenance(ClusterService.Scope.RESOURCE, "web", true);
        before.close();

        VirtualCluster after = startedOn(world, settings);
        ClusterManager second = after.manager;
        try {
            after.until(() -> second.snapshot().state().hostState("node3") == HostState.STANDBY, Duration.ofSeconds(5));
            assertEquals(1, second.snapshot().state().resource("db").failCount(host));
            assertTrue(second.snapshot().state().resource("db").lastFailure(host).isPresent(),
                    "the failure's time came back from the journal");
            assertTrue(second.snapshot().state().resource("web").maintenance());
            assertTrue(second.events(200).stream().anyMatch(e -> e.kind() == EventKind.JOURNAL && e.message().equals(
                    "restored from the journal: standby host node3")), second.events(200).toString());
        } finally {
            after.close();
        }
        try (org.basket.core.journal.Journal journal = org.basket.core.journal.Journal.open(dir.resolve("journal.mv"))) {
            assertTrue(journal.operations(100).stream().anyMatch(o -> o.action().startsWith("start db on")),
                    "the operation history kept the starts");
        }
    }

    @Test
    void whileTheJournalCannotBeWrittenBasketSaysSoAndDoesNotAct(@TempDir Path dir) {
        List<org.basket.core.journal.Journal> opened = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean broken = new java.util.concurrent.atomic.AtomicBoolean();
        VirtualCluster own = new VirtualCluster();
        ClusterManager faulty = own.manager;
        faulty.journalOpener = file -> {
            if (broken.get()) {
                throw new IllegalStateException("simulated: input/output error");
            }
            org.basket.core.journal.Journal journal = org.basket.core.journal.Journal.open(file);
            opened.add(journal);
            return journal;
        };
        copyConfig(faulty);
        SimulatedDatacenter world = own.datacenter;
        own.start(Map.of("settle.ms", "0", "observe.interval.ms", "50", "journal.path",
                dir.resolve("journal.mv").toString()));
        try {
            own.until(() -> faulty.snapshot().state().resource("db").isActive(), Duration.ofSeconds(5));
            broken.set(true);
            opened.get(0).close(); // what MVStore does after an I/O error
            world.crashDomain("db");
            own.until(() -> faulty.snapshot().problems().stream()
                    .anyMatch(p -> p.source().equals("journal")
                            && p.reason().endsWith("Basket observes but does not act until it can write")), Duration.ofSeconds(5));
            own.holds(() -> !faulty.snapshot().state().resource("db").isActive(), Duration.ofMillis(500),
                    "db stays down while the journal cannot be written");

            broken.set(false);
            own.until(() -> faulty.snapshot().state().resource("db").isActive()
                    && faulty.snapshot().problems().isEmpty(), Duration.ofSeconds(5));
        } finally {
            own.close();
        }
        try (org.basket.core.journal.Journal journal = org.basket.core.journal.Journal.open(dir.resolve("journal.mv"))) {
            assertEquals(1, journal.failCounts().get("db").values().stream().mapToInt(Integer::intValue).sum(),
                    "the crash seen while the journal was broken was written once it reopened");
        }
    }

    @Test
    void listenersHearTypedEventsInOrderNamingWhatTheyAreAbout() {
        List<ClusterEvent> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        ClusterEventListener listener = heard::add;
        manager.bindEventListener(listener);
        String host = hostOf("db");
        long before = cluster.lastSequence();
        datacenter.crashDomain("db");
        cluster.until(() -> manager.events(2000).stream().anyMatch(e -> e.sequence() > before
                && e.kind() == EventKind.ACTION_DONE && e.action().startsWith("start db")), Duration.ofSeconds(5));
        await().atMost(Duration.ofSeconds(5)).until(() -> heard.stream().anyMatch(e -> // the delivery thread, not time
                e.kind() == EventKind.ACTION_DONE && e.action().startsWith("start db")));
        ClusterEvent failed = heard.stream()
                .filter(e -> e.kind() == EventKind.RESOURCE_FAILED && e.resource().equals("db"))
                .findFirst().orElseThrow();
        assertEquals(host, failed.host());
        ClusterEvent stopped = heard.stream()
                .filter(e -> e.kind() == EventKind.ACTION_DONE && e.resource().equals("db"))
                .findFirst().orElseThrow();
        assertEquals("stop db on " + host, stopped.action(), "it may still run where it failed: stopped there first");
        ClusterEvent done = heard.stream()
                .filter(e -> e.kind() == EventKind.ACTION_DONE && e.action().startsWith("start db"))
                .findFirst().orElseThrow();
        assertEquals("start db on " + host, done.action());
        assertTrue(done.duration().isPresent());
        assertTrue(failed.sequence() < stopped.sequence() && stopped.sequence() < done.sequence());
        for (int i = 1; i < heard.size(); i++) {
            assertTrue(heard.get(i - 1).sequence() < heard.get(i).sequence(), "in order: " + heard);
        }
        manager.unbindEventListener(listener);
    }

    @Test
    void eventSequenceNumbersIncreaseAcrossARestart(@TempDir Path dir) {
        Map<String, String> settings = Map.of("settle.ms", "0", "observe.interval.ms", "50",
                "journal.path", dir.resolve("journal.mv").toString());
        long last = 0;
        for (int round = 0; round < 2; round++) {
            VirtualCluster run = startedOn(new SimulatedDatacenter(), settings);
            ClusterManager next = run.manager;
            try {
                run.until(() -> next.snapshot().state().resource("db").isActive(), Duration.ofSeconds(5));
                List<ClusterEvent> events = next.events(2000);
                assertTrue(events.get(0).sequence() > last, events.get(0) + " after " + last);
                last = events.get(events.size() - 1).sequence();
            } finally {
                run.close();
            }
        }
    }

    @Test
    void maintenanceModeObservesButNeverActs() {
        manager.setMaintenance(ClusterService.Scope.CLUSTER, null, true);
        datacenter.crashDomain("db");
        cluster.until(() -> !status("db").isActive(), Duration.ofSeconds(5));
        cluster.advance(Duration.ofMillis(300));
        assertTrue(datacenter.activeHosts("db").isEmpty(), "nothing restarted in cluster maintenance");
        manager.setMaintenance(ClusterService.Scope.CLUSTER, null, false);
        cluster.until(() -> status("db").isActive(), Duration.ofSeconds(5));

        manager.setMaintenance(ClusterService.Scope.RESOURCE, "db", true);
        datacenter.crashDomain("db");
        cluster.advance(Duration.ofMillis(300));
        assertTrue(datacenter.activeHosts("db").isEmpty(), "a resource in maintenance is not restarted");
        manager.setMaintenance(ClusterService.Scope.RESOURCE, "db", false);
        cluster.until(() -> status("db").isActive(), Duration.ofSeconds(5));

        String web = hostOf("web");
        manager.setMaintenance(ClusterService.Scope.HOST, web, true);
        datacenter.cutContact(web, true);
        cluster.advance(Duration.ofMillis(700));
        assertEquals(HostState.MAINTENANCE, manager.snapshot().state().hostState(web));
        assertTrue(datacenter.hosts().stream().anyMatch(h -> h.name().equals(web) && h.poweredOn()),
                "a host in maintenance is never fenced, however long it is silent");
        assertEquals(List.of(web), datacenter.activeHosts("web"));
    }

    @Test
    void vmsAreNotStartedWhileAHostThatMayRunThemIsUnknown() throws Exception {
        VirtualCluster own = new VirtualCluster();
        SimulatedDatacenter restarted = own.datacenter;
        ClusterManager fresh = own.manager;
        restarted.attach("node3", new org.basket.api.model.Capacity(16, 65536));
        restarted.start("node3", "db");
        restarted.cutContact("node3", true);
        restarted.failFence("node3", true);
        copyConfig(fresh);
        own.start(Map.of("settle.ms", "0", "observe.interval.ms", "50", "host.dead.timeout.ms", "300"));
        try {
            own.until(() -> fresh.events(2000).stream()
                    .anyMatch(aboutHost(EventKind.FENCE_FAILED, "node3")), Duration.ofSeconds(5));
            own.advance(Duration.ofSeconds(5));
            assertEquals(List.of("node3"), restarted.activeHosts("db"), "db was never started a second time");
            assertTrue(VMS.stream().allMatch(vm -> fresh.snapshot().state().resource(vm).activeOn().isEmpty()),
                    "nothing is started while node3, which may run anything, is neither probed nor fenced");

            restarted.failFence("node3", false);
            own.until(() -> VMS.stream()
                    .allMatch(vm -> fresh.snapshot().state().resource(vm).activeOn().size() == 1), Duration.ofSeconds(70));
            assertEquals(List.of(), restarted.violations());
        } finally {
            own.close();
        }
    }

    @Test
    void aResourceRemovedBeforeARestartIsStillStoppedAfterIt(@TempDir Path dir) throws Exception {
        SimulatedDatacenter world = new SimulatedDatacenter();
        Map<String, String> settings = Map.of("settle.ms", "0", "observe.interval.ms", "50",
                "journal.path", dir.resolve("journal.mv").toString());
        VirtualCluster before = startedOn(world, settings);
        ClusterManager first = before.manager;
        before.until(() -> first.snapshot().state().resource("web").isActive(), Duration.ofSeconds(5));
        first.setMaintenance(ClusterService.Scope.CLUSTER, "", true);
        first.store().delete("r-web");
        first.configChanged();
        before.until(() -> !first.snapshot().config().resources().containsKey("web"), Duration.ofSeconds(5));
        before.advance(Duration.ofSeconds(1));
        before.close();
        assertEquals(1, world.activeHosts("web").size(), "maintenance mode kept the removed VM running");

        VirtualCluster after = new VirtualCluster(world);
        ClusterManager second = after.manager;
        copyConfig(second);
        second.store().delete("r-web");
        after.start(settings);
        try {
            second.setMaintenance(ClusterService.Scope.CLUSTER, "", false);
            after.until(() -> world.activeHosts("web").isEmpty(), Duration.ofSeconds(5));
        } finally {
            after.close();
        }
        try (org.basket.core.journal.Journal journal = org.basket.core.journal.Journal.open(dir.resolve("journal.mv"))) {
            assertEquals(Map.of(), journal.retired(), "forgotten once seen stopped");
        }
    }

    /**
     * A fence_dummy device of the host on a status file that says "on", in force once the loop took it (the turn that
     * took the marker constraint beside it took the device); returns the status file.
     */
    private Path dummyFenceInForce(Path dir, String host) throws IOException {
        Path power = dir.resolve("power");
        Files.writeString(power, "on");
        file(ConfigPids.FENCE, "dummy", "host", host, "agent", "fence_dummy", "type", "file",
                "status_file", power.toString());
        file(ConfigPids.CONSTRAINT, "marker", "type", "location", "resource", "web", "host", host, "score", "1");
        manager.configChanged();
        cluster.until(() -> manager.snapshot().config().constraints().stream()
                .anyMatch(c -> c.name().equals("marker")), Duration.ofSeconds(5));
        assertEquals(List.of(), manager.snapshot().problems());
        return power;
    }

    /** Another manager on the same simulated world, as after a restart: configured, its driver bound, started. */
    private static VirtualCluster startedOn(SimulatedDatacenter world, Map<String, String> settings) {
        VirtualCluster started = new VirtualCluster(world);
        copyConfig(started.manager);
        return started.start(settings);
    }

    /** The configuration of the restart tests; its simulator takes no time (its world is shared by two managers). */
    private static void copyConfig(ClusterManager target) {
        target.store().update(ConfigPids.DRIVER, "d", ConfigFiles.properties(ConfigPids.DRIVER, "sim", "type", "sim",
                "migration.ms", "0", "latency.ms", "0"));
        for (String host : List.of("node1", "node2", "node3")) {
            target.store().update(ConfigPids.HOST, "h-" + host,
                    ConfigFiles.properties(ConfigPids.HOST, host, "driver", "sim"));
        }
        VMS.forEach(vm -> target.store().update(ConfigPids.RESOURCE, "r-" + vm,
                ConfigFiles.properties(ConfigPids.RESOURCE, vm)));
    }

    private boolean allRunning() {
        return VMS.stream().allMatch(vm -> status(vm).activeOn().size() == 1);
    }

    private ResourceStatus status(String resource) {
        return manager.snapshot().state().resource(resource);
    }

    private String hostOf(String resource) {
        return status(resource).activeOn().get(0);
    }

    /** The host was fenced, by the device the event names for the operator (the device is no typed field). */
    private static Predicate<ClusterEvent> fencedBy(String host, String device) {
        return aboutHost(EventKind.HOST_FENCED, host).and(e -> e.message().contains(" fenced by " + device));
    }

    private void file(String factoryPid, String name, String... keyValues) {
        ConfigFiles.put(manager.store()::update, factoryPid, name, keyValues);
    }
}
