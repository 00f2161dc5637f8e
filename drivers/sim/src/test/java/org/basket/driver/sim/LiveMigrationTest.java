package org.basket.driver.sim;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.basket.api.driver.DomainState;
import org.basket.api.driver.DriverException;
import org.basket.api.model.Capacity;
import org.basket.testsupport.RecordingDriverListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Migrations take no latency here: the gated sleeper only holds the transfer, until the test opens it. */
class LiveMigrationTest {
    private static final Duration TRANSFER = Duration.ofMillis(300);

    private final GatedSleeper sleeper = new GatedSleeper();
    private final SimulatedDatacenter datacenter = new SimulatedDatacenter(sleeper);
    private final RecordingDriverListener listener = new RecordingDriverListener();
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @BeforeEach
    void domainRunsOnNode1() throws DriverException {
        datacenter.addHost("node1", new Capacity(8, 16_384));
        datacenter.addHost("node2", new Capacity(8, 16_384));
        datacenter.start("node1", "vm1");
        datacenter.addListener(listener);
    }

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void domainIsAlwaysActiveOnExactlyOneHost() throws Exception {
        Set<List<String>> observed = ConcurrentHashMap.newKeySet();
        AtomicBoolean polling = new AtomicBoolean(true);
        Future<?> poller = threads.submit(() -> {
            while (polling.get()) {
                observed.add(datacenter.activeHosts("vm1"));
            }
        });
        await().until(() -> observed.contains(List.of("node1")));

        Future<?> migration = migrateInBackground();
        await().until(sleeper::someoneSleeps);
        assertEquals(DomainState.MIGRATING, datacenter.hosts().get(0).domains().get("vm1"));
        sleeper.open();
        migration.get(5, TimeUnit.SECONDS);
        await().until(() -> observed.contains(List.of("node2")));
        polling.set(false);
        poller.get(5, TimeUnit.SECONDS);

        assertTrue(observed.stream().allMatch(hosts -> hosts.size() == 1), "observed: " + observed);
        assertEquals(List.of("node2"), datacenter.activeHosts("vm1"));
        assertEquals(1, datacenter.maxActiveHosts("vm1"));
        assertEquals(List.of(), datacenter.violations());
        assertEquals(List.of("node1 vm1 MIGRATING", "node1 vm1 SHUTOFF", "node2 vm1 RUNNING"), listener.events());
    }

    @Test
    void unreachableTargetFailsWithTheDomainStillOnTheSource() throws DriverException {
        datacenter.cutContact("node2", true);
        listener.clear();

        DriverException e = assertThrows(DriverException.class, this::migrate);

        assertEquals("migrate vm1 from node1 to node2: host node2 unreachable (simulated contact cut)", e.getMessage());
        assertRunsOnNode1Only();
    }

    @Test
    void poweredOffTargetFailsWithTheDomainStillOnTheSource() {
        datacenter.crashHost("node2");
        listener.clear();

        assertThrows(DriverException.class, this::migrate);

        assertRunsOnNode1Only();
    }

    @Test
    void injectedFailureLeavesTheDomainOnTheSource() {
        datacenter.failNext(Operation.MIGRATE, "vm1", 1);

        DriverException e = assertThrows(DriverException.class, this::migrate);

        assertTrue(e.getMessage().contains("simulated failure"), e.getMessage());
        assertRunsOnNode1Only();
    }

    @Test
    void targetCrashDuringTheTransferLeavesTheDomainOnTheSource() throws Exception {
        Future<?> migration = migrateInBackground();
        await().until(sleeper::someoneSleeps);
        datacenter.crashHost("node2");
        sleeper.open();

        ExecutionException e = assertThrows(ExecutionException.class, () -> migration.get(5, TimeUnit.SECONDS));

        assertEquals("migrate vm1 from node1 to node2: target host node2 powered off during the migration",
                e.getCause().getMessage());
        assertEquals(List.of("node1"), datacenter.activeHosts("vm1"));
        assertEquals(DomainState.RUNNING, datacenter.hosts().get(0).domains().get("vm1"));
    }

    @Test
    void interruptedTransferLeavesTheDomainOnTheSource() throws Exception {
        Future<?> migration = migrateInBackground();
        await().until(sleeper::someoneSleeps);

        migration.cancel(true);
        await().until(() -> datacenter.hosts().get(0).domains().get("vm1") == DomainState.RUNNING);

        assertEquals(List.of("node1"), datacenter.activeHosts("vm1"));
        assertEquals(List.of("node1 vm1 MIGRATING", "node1 vm1 RUNNING"), listener.events());
    }

    @Test
    void domainThatIsNotRunningCannotMigrate() throws DriverException {
        datacenter.crashDomain("vm1");

        DriverException e = assertThrows(DriverException.class, this::migrate);

        assertEquals("migrate vm1 from node1 to node2: domain vm1 is not running on node1 (CRASHED)", e.getMessage());
    }

    private void migrate() throws DriverException {
        datacenter.migrate("vm1", "node1", "node2", TRANSFER);
    }

    private Future<?> migrateInBackground() {
        return threads.submit(() -> {
            migrate();
            return null;
        });
    }

    private void assertRunsOnNode1Only() {
        assertEquals(List.of("node1"), datacenter.activeHosts("vm1"));
        assertEquals(DomainState.RUNNING, datacenter.hosts().get(0).domains().get("vm1"));
        assertTrue(listener.events().stream().noneMatch(event -> event.contains("vm1")), listener.events().toString());
    }
}
