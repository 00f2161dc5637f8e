package org.basket.driver.sim.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.basket.api.driver.DomainInfo;
import org.basket.api.driver.DomainState;
import org.basket.api.driver.DriverConfig;
import org.basket.api.driver.DriverException;
import org.basket.api.driver.Fencing;
import org.basket.api.driver.HostBinding;
import org.basket.api.driver.HypervisorDriver;
import org.basket.api.driver.LiveMigration;
import org.basket.api.driver.MigrationOptions;
import org.basket.api.driver.Provisioning;
import org.basket.api.fence.PowerState;
import org.basket.driver.sim.SimulatedDatacenter;
import org.basket.testsupport.RecordingDriverListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SimEndpointTest {
    private final SimDriverFactory factory = new SimDriverFactory();
    private final RecordingDriverListener listener = new RecordingDriverListener();
    private SimulatedDatacenter datacenter;
    private HypervisorDriver driver;

    @BeforeEach
    void endpointWithTwoHosts() throws DriverException {
        factory.activate();
        datacenter = factory.datacenter();
        driver = open(listener);
        attach(driver, "node1");
        attach(driver, "node2");
        driver.start("node1", "vm1");
    }

    @AfterEach
    void deactivate() {
        driver.close();
        factory.deactivate();
    }

    @Test
    void offersMigrationAndFencingButNotProvisioning() {
        assertEquals(true, driver.capability(LiveMigration.class).isPresent());
        assertEquals(true, driver.capability(Fencing.class).isPresent());
        assertEquals(false, driver.capability(Provisioning.class).isPresent());
    }

    @Test
    void listsAttachedHostsAndTheirDomains() throws DriverException {
        datacenter.addHost("node3", driver.host("node1").capacity());

        assertEquals(List.of("node1", "node2"), driver.discoverHosts());
        assertEquals(List.of(new DomainInfo("vm1", DomainState.RUNNING)), driver.domains("node1"));
        assertEquals(new DomainInfo("vm1", DomainState.SHUTOFF), driver.monitor("node2", "vm1"));
    }

    @Test
    void hostsAreSharedBetweenEndpointsButEventsOnlyConcernAttachedHosts() throws DriverException {
        RecordingDriverListener otherListener = new RecordingDriverListener();
        try (HypervisorDriver other = open(otherListener)) {
            attach(other, "node1");
            attach(other, "node3");
            listener.clear();

            other.start("node3", "vm3");
            other.stop("node1", "vm1", Duration.ofSeconds(10));

            assertEquals(List.of("node1 vm1 SHUTOFF"), listener.events());
            assertEquals(List.of("node3 vm3 RUNNING", "node1 vm1 SHUTOFF"), otherListener.events());
            assertThrows(DriverException.class, () -> driver.monitor("node3", "vm3"));
        }
    }

    @Test
    void reattachingAnUnreachableHostFails() {
        datacenter.cutContact("node2", true);

        DriverException e = assertThrows(DriverException.class, () -> attach(driver, "node2"));

        assertEquals("attach node2: host node2 unreachable (simulated contact cut)", e.getMessage());
    }

    @Test
    void cutContactFailsCallsWhileTheVmRunsAndTheFenceStillWorks() throws Exception {
        datacenter.cutContact("node1", true);

        DriverException e = assertThrows(DriverException.class, () -> driver.monitor("node1", "vm1"));
        assertEquals("monitor vm1 on node1: host node1 unreachable (simulated contact cut)", e.getMessage());
        assertEquals(List.of("node1"), datacenter.activeHosts("vm1"));

        driver.capability(Fencing.class).orElseThrow().fenceDevice("node1").powerOff();

        assertEquals(PowerState.OFF, datacenter.fenceDevice("node1").status());
        assertEquals(List.of(), datacenter.activeHosts("vm1"));
        assertEquals(List.of("node1 vm1 RUNNING", "node1 unreachable: simulated contact cut"), listener.events());
    }

    @Test
    void migratesWithTheConfiguredDuration() throws DriverException {
        listener.clear();

        driver.capability(LiveMigration.class).orElseThrow().migrate("vm1", "node1", "node2", MigrationOptions.DEFAULT);

        assertEquals(List.of("node2"), datacenter.activeHosts("vm1"));
        assertEquals(List.of("node1 vm1 MIGRATING", "node1 vm1 SHUTOFF", "node2 vm1 RUNNING"), listener.events());
    }

    @Test
    void closedEndpointIsDeafButDomainsKeepRunning() throws DriverException {
        driver.close();
        listener.clear();

        datacenter.crashDomain("vm1");

        assertEquals(List.of(), listener.events());
        assertEquals(List.of("node1"), datacenter.hosts().stream()
                .filter(host -> host.domains().containsKey("vm1")).map(host -> host.name()).toList());
        assertThrows(DriverException.class, () -> driver.domains("node1"));
    }

    @Test
    void detachedHostIsNoLongerServed() {
        driver.detach("node2");

        DriverException e = assertThrows(DriverException.class, () -> driver.host("node2"));

        assertEquals("host node2 is not attached to simulator endpoint 'lab'", e.getMessage());
    }

    private HypervisorDriver open(RecordingDriverListener events) throws DriverException {
        return factory.open(new DriverConfig("lab", "sim", Map.of("latency.ms", "0", "migration.ms", "50")), events);
    }

    private static void attach(HypervisorDriver endpoint, String host) throws DriverException {
        endpoint.attach(new HostBinding(host, "sim://" + host, Map.of()));
    }
}
