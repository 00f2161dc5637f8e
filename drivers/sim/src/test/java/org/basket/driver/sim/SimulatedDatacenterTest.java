package org.basket.driver.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.basket.api.driver.DomainInfo;
import org.basket.api.driver.DomainState;
import org.basket.api.driver.DriverException;
import org.basket.api.driver.DriverListener;
import org.basket.api.model.Capacity;
import org.basket.testsupport.RecordingDriverListener;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SimulatedDatacenterTest {
    private static final Capacity CAPACITY = new Capacity(8, 16_384);

    private final SimulatedDatacenter datacenter = new SimulatedDatacenter();
    private final RecordingDriverListener listener = new RecordingDriverListener();

    @BeforeEach
    void twoHostsWithOneDomain() throws DriverException {
        datacenter.addHost("node1", CAPACITY);
        datacenter.addHost("node2", CAPACITY);
        datacenter.addListener(listener);
        datacenter.start("node1", "vm1");
        listener.clear();
    }

    @Test
    void crashedDomainIsReported() throws DriverException {
        datacenter.crashDomain("vm1");

        assertEquals(List.of("node1 vm1 CRASHED"), listener.events());
        assertEquals(DomainState.CRASHED, datacenter.monitor("node1", "vm1").state());
        assertEquals(List.of(), datacenter.activeHosts("vm1"));
    }

    @Test
    void crashedHostLosesContactAndDomains() throws DriverException {
        datacenter.crashHost("node1");

        assertEquals(List.of("node1 unreachable: host node1 powered off (simulated crash)"), listener.events());
        SimulatedHost node1 = datacenter.hosts().get(0);
        assertEquals(false, node1.poweredOn());
        assertEquals(Map.of(), node1.domains());
        assertEquals(List.of(), datacenter.activeHosts("vm1"));
        DriverException e = assertThrows(DriverException.class, () -> datacenter.domains("node1"));
        assertEquals("list domains of node1: host node1 unreachable (simulated power off)", e.getMessage());
    }

    @Test
    void poweredOnHostIsReachableAgainWithoutDomains() throws DriverException {
        datacenter.crashHost("node1");
        listener.clear();

        datacenter.powerOn("node1");

        assertEquals(List.of("node1 reachable: host node1 powered on"), listener.events());
        assertEquals(List.of(), datacenter.domains("node1"));
    }

    @Test
    void cutContactFailsCallsWhileTheDomainKeepsRunningUnheard() {
        datacenter.cutContact("node1", true);
        datacenter.crashDomain("vm1");
        datacenter.powerOn("node1");

        assertEquals(List.of("node1 unreachable: simulated contact cut"), listener.events());
        DriverException e = assertThrows(DriverException.class, () -> datacenter.start("node1", "vm1"));
        assertEquals("start vm1 on node1: host node1 unreachable (simulated contact cut)", e.getMessage());
        assertEquals(Map.of("vm1", DomainState.CRASHED), datacenter.hosts().get(0).domains());
    }

    @Test
    void healedContactIsReported() throws DriverException {
        datacenter.cutContact("node1", true);
        datacenter.cutContact("node1", false);

        assertEquals(List.of("node1 unreachable: simulated contact cut", "node1 reachable: simulated contact healed"),
                listener.events());
        assertEquals(new DomainInfo("vm1", DomainState.RUNNING), datacenter.monitor("node1", "vm1"));
    }

    @Test
    void secondCopyOfARunningDomainStartsButIsRecordedAsViolation() throws DriverException {
        datacenter.cutContact("node1", true);
        datacenter.start("node2", "vm1");

        assertEquals(List.of("node1", "node2"), datacenter.activeHosts("vm1"));
        assertEquals(2, datacenter.maxActiveHosts("vm1"));
        assertEquals(List.of(new DoubleActiveViolation("vm1", List.of("node1", "node2"))), datacenter.violations());
    }

    @Test
    void restartAfterStopIsNoViolation() throws DriverException {
        datacenter.stop("node1", "vm1", Duration.ofSeconds(30));
        datacenter.start("node2", "vm1");
        datacenter.start("node2", "vm1");

        assertEquals(List.of("node1 vm1 SHUTOFF", "node2 vm1 RUNNING"), listener.events());
        assertEquals(1, datacenter.maxActiveHosts("vm1"));
        assertEquals(List.of(), datacenter.violations());
        assertEquals(List.of(new DomainInfo("vm1", DomainState.SHUTOFF)), datacenter.domains("node1"));
    }

    @Test
    void unknownDomainIsShutOffAndUnknownHostIsNamed() throws DriverException {
        assertEquals(new DomainInfo("vm9", DomainState.SHUTOFF), datacenter.monitor("node2", "vm9"));
        assertEquals(0, datacenter.maxActiveHosts("vm9"));
        DriverException e = assertThrows(DriverException.class, () -> datacenter.start("node9", "vm1"));
        assertEquals("start vm1 on node9: unknown simulated host node9", e.getMessage());
        IllegalArgumentException fault = assertThrows(IllegalArgumentException.class, () -> datacenter.crashHost("node9"));
        assertTrue(fault.getMessage().contains("node9"), fault.getMessage());
    }

    @Test
    void hostInfoReportsTheWholeCapacityFree() throws DriverException {
        assertEquals(CAPACITY, datacenter.hostInfo("node1").capacity());
        assertEquals(CAPACITY, datacenter.hostInfo("node1").free());
        assertEquals(List.of("node1", "node2"), datacenter.discoverHosts());
    }

    @Test
    void aFailingListenerDoesNotSilenceTheOthers() throws DriverException {
        RecordingDriverListener second = new RecordingDriverListener();
        datacenter.addListener(new DriverListener() {
            @Override
            public void domainChanged(String host, String domain, DomainState state) {
                throw new IllegalStateException("listener bug");
            }

            @Override
            public void hostContact(String host, boolean reachable, String reason) {
            }
        });
        datacenter.addListener(second);
        List<Throwable> reported = new CopyOnWriteArrayList<>();
        Thread.UncaughtExceptionHandler handler = Thread.currentThread().getUncaughtExceptionHandler();
        Thread.currentThread().setUncaughtExceptionHandler((thread, error) -> reported.add(error));
        try {
            datacenter.start("node2", "vm2");
        } finally {
            Thread.currentThread().setUncaughtExceptionHandler(handler);
        }

        assertEquals(List.of("node2 vm2 RUNNING"), second.events());
        assertEquals("listener bug", reported.get(0).getMessage());
    }
}
