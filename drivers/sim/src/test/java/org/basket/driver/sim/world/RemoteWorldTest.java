package org.basket.driver.sim.world;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.basket.api.driver.DomainInfo;
import org.basket.api.driver.DomainState;
import org.basket.api.driver.DriverConfig;
import org.basket.api.driver.DriverException;
import org.basket.api.driver.Fencing;
import org.basket.api.driver.HostBinding;
import org.basket.api.driver.HypervisorDriver;
import org.basket.api.driver.LiveMigration;
import org.basket.api.driver.MigrationOptions;
import org.basket.api.fence.FenceDevice;
import org.basket.api.fence.PowerState;
import org.basket.driver.sim.DoubleActiveViolation;
import org.basket.driver.sim.SimulatedDatacenter;
import org.basket.driver.sim.internal.SimDriverFactory;
import org.basket.testsupport.RecordingDriverListener;
import org.basket.testsupport.RecordingDriverListener.Contact;
import org.basket.testsupport.WorldProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A world process started by the test and two sim drivers connected to it, as two managers would be
 * (each with a factory of its own): they share hosts, VMs, faults and the safety record.
 */
class RemoteWorldTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private WorldProcess world;
    private final RecordingDriverListener heardByA = new RecordingDriverListener();
    private final RecordingDriverListener heardByB = new RecordingDriverListener();
    private HypervisorDriver a;
    private HypervisorDriver b;
    private RemoteDatacenter faults;

    @BeforeEach
    void twoDriversOnOneWorld() throws Exception {
        world = WorldProcess.start(0, "--latency-ms", "0");
        a = open(heardByA);
        b = open(heardByB);
        for (HypervisorDriver driver : List.of(a, b)) {
            driver.attach(new HostBinding("node1", "", Map.of()));
            driver.attach(new HostBinding("node2", "", Map.of()));
        }
        faults = new RemoteDatacenter(new InetSocketAddress("127.0.0.1", world.port()));
    }

    @AfterEach
    void stop() throws Exception {
        a.close();
        b.close();
        faults.close();
        world.close();
    }

    @Test
    void bothDriversSeeTheSameHostsAndVmsAndHearEachOthersEffects() throws Exception {
        a.start("node1", "vm1");

        assertEquals(List.of(new DomainInfo("vm1", DomainState.RUNNING)), b.domains("node1"));
        await().atMost(WAIT).until(() -> heardByB.saw("node1", "vm1", DomainState.RUNNING));

        b.capability(LiveMigration.class).orElseThrow().migrate("vm1", "node1", "node2", MigrationOptions.DEFAULT);

        assertEquals(DomainState.RUNNING, a.monitor("node2", "vm1").state());
        assertEquals(DomainState.SHUTOFF, a.monitor("node1", "vm1").state());
        await().atMost(WAIT).until(() -> heardByA.saw("node2", "vm1", DomainState.RUNNING)
                && heardByA.saw("node1", "vm1", DomainState.SHUTOFF));
        assertEquals(List.of("node1", "node2"), a.discoverHosts());
        assertEquals(16, b.host("node2").capacity().cpus());
    }

    @Test
    void aHostCrashInjectedInTheWorldReachesBothDriversAndItsBmcPowersItBackOn() throws Exception {
        a.start("node1", "vm1");

        faults.crashHost("node1");

        Contact crashed = new Contact("node1", false, "host node1 powered off (simulated crash)");
        await().atMost(WAIT).until(() -> heardByA.contacts().contains(crashed) && heardByB.contacts().contains(crashed));
        DriverException unreachable = assertThrows(DriverException.class, () -> b.domains("node1"));
        assertEquals("list domains of node1: host node1 unreachable (simulated power off)", unreachable.getMessage());
        FenceDevice bmc = b.capability(Fencing.class).orElseThrow().fenceDevice("node1");
        assertEquals(PowerState.OFF, bmc.status());

        bmc.powerOn();

        await().atMost(WAIT).until(() -> heardByA.contacts().contains(new Contact("node1", true, "powered on by sim-bmc:node1")));
        assertEquals(List.of(), a.domains("node1"), "a host boots without domains");
    }

    @Test
    void theSafetyRecordCountsAVmStartedOnTwoHostsByTwoManagers() throws Exception {
        a.start("node1", "vm1");
        b.start("node2", "vm1");

        assertEquals(List.of(new DoubleActiveViolation("vm1", List.of("node1", "node2"))), faults.violations());
    }

    @Test
    void theWorldOutlivesAClientKilledInTheMiddleOfACall() throws Exception {
        Process client = WorldProcess.startJvm(WorldClientMain.class.getName(), String.valueOf(world.port()), "node3");

        client.destroyForcibly().waitFor();

        faults.clearFaults();
        a.start("node2", "vm2");
        await().atMost(WAIT).until(() -> heardByB.saw("node2", "vm2", DomainState.RUNNING));
        assertEquals(DomainState.SHUTOFF, b.monitor("node1", "vm-hung").state(), "the killed client's hung start was never done");
    }

    @Test
    void aDriverSaysTheWorldIsAwayThenReconnectsAfterItRestarts() throws Exception {
        int port = world.port();
        world.kill();

        DriverException away = assertThrows(DriverException.class, () -> a.domains("node1"));
        assertTrue(away.getMessage().startsWith("list domains of node1: simulated world process at 127.0.0.1:" + port
                + " unreachable: "), away.getMessage());
        await().atMost(WAIT).until(() -> heardByA.contacts().stream().anyMatch(c -> c.host().equals("node1") && !c.reachable()
                && c.reason().startsWith("simulated world process at 127.0.0.1:" + port + " unreachable")));

        world = WorldProcess.start(port, "--latency-ms", "0");

        await().atMost(WAIT).until(() -> heardByA.contacts().contains(new Contact("node1", true,
                "simulated world process at 127.0.0.1:" + port + " answers again")));
        assertEquals(List.of(), a.domains("node1"), "the restarted world has node1 again, attached by the driver");
        b.start("node2", "vm3");
        await().atMost(WAIT).until(() -> heardByA.saw("node2", "vm3", DomainState.RUNNING));
    }

    @Test
    void anInterruptedCallIsInterruptedInTheWorld() throws Exception {
        HypervisorDriver slow = new SimDriverFactory(new SimulatedDatacenter()).open(new DriverConfig("slow", "sim",
                Map.of("world", world.address(), "migration.ms", "600000")), new RecordingDriverListener());
        slow.attach(new HostBinding("node1", "", Map.of()));
        slow.attach(new HostBinding("node2", "", Map.of()));
        a.start("node1", "vm1");
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        Thread caller = new Thread(() -> {
            try {
                slow.capability(LiveMigration.class).orElseThrow().migrate("vm1", "node1", "node2", MigrationOptions.DEFAULT);
                failure.complete(null);
            } catch (DriverException e) {
                failure.complete(e);
            }
        });
        caller.start();
        await().atMost(WAIT).until(() -> heardByB.saw("node1", "vm1", DomainState.MIGRATING));

        caller.interrupt();

        assertEquals("migrate vm1 from node1 to node2: interrupted",
                failure.get(10, TimeUnit.SECONDS).getMessage());
        await().atMost(WAIT).until(() -> b.monitor("node1", "vm1").state() == DomainState.RUNNING);
        assertEquals(DomainState.SHUTOFF, b.monitor("node2", "vm1").state());
        slow.close();
    }

    @Test
    void aBadWorldKeyAndAnUnreachableWorldAreRefusedOnOpen() {
        DriverException bad = assertThrows(DriverException.class, () -> open("nowhere", heardByA));
        assertEquals("driver 'sim': key 'world': not HOST:PORT: 'nowhere'", bad.getMessage());
        DriverException away = assertThrows(DriverException.class, () -> open("127.0.0.1:1", heardByA));
        assertTrue(away.getMessage().startsWith("driver 'sim': simulated world process at 127.0.0.1:1 unreachable: "),
                away.getMessage());
    }

    private HypervisorDriver open(RecordingDriverListener listener) throws DriverException {
        return open(world.address(), listener);
    }

    private static HypervisorDriver open(String address, RecordingDriverListener listener) throws DriverException {
        return new SimDriverFactory(new SimulatedDatacenter()).open(new DriverConfig("sim", "sim",
                Map.of("world", address, "migration.ms", "50")), listener);
    }
}
