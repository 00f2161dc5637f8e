package org.basket.driver.vmware.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.basket.api.driver.DomainInfo;
import org.basket.api.driver.DomainState;
import org.basket.api.driver.DriverConfig;
import org.basket.api.driver.DriverException;
import org.basket.api.driver.HostBinding;
import org.basket.api.driver.HostInfo;
import org.basket.api.driver.HypervisorDriver;
import org.basket.api.driver.LiveMigration;
import org.basket.api.driver.MigrationOptions;
import org.basket.api.model.Capacity;
import org.basket.api.model.HostCondition;
import org.basket.testsupport.RecordingDriverListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The VMware endpoint against the simulated vCenter (one cluster of 3 hosts, 3 VMs), one simulator per test:
 * discovery, start, stop, vMotion and what it reports through updates.
 */
class VmwareEndpointTest {
    private static final Duration UPDATE = Duration.ofSeconds(5);
    private VsphereSimulator simulator;
    private final RecordingDriverListener listener = new RecordingDriverListener();
    private HypervisorDriver driver;
    private List<String> hosts;

    @BeforeEach
    void open() throws Exception {
        simulator = VsphereSimulator.start(3, 3);
        openDriver();
    }

    /** Opens the endpoint, which reads the whole inventory, and attaches every host. */
    private void openDriver() throws Exception {
        driver = new VmwareDriverFactory().open(new DriverConfig("vc", "vmware", simulator.endpointKeys()), listener);
        hosts = VcenterEndpoints.attachAll(driver);
    }

    @AfterEach
    void close() throws Exception {
        VcenterEndpoints.close(driver, simulator);
    }

    @Test
    void discoversTheHostsTheirCapacityAndEveryVmUnderItsNameUuidAndId() throws Exception {
        assertEquals(3, hosts.size(), hosts.toString());
        HostInfo host = driver.host("h0");
        assertTrue(host.capacity().cpus() > 0 && host.capacity().memoryMb() > 0, host.toString());
        List<DomainInfo> all = allDomains();
        long vms = all.stream().filter(d -> d.name().startsWith("vm-")).count();
        assertEquals(3, vms, all.toString());
        assertEquals(9, all.size(), "each VM by name, instance UUID and managed object id: " + all);
        assertTrue(all.stream().allMatch(d -> d.state() == DomainState.RUNNING), all.toString());
    }

    @Test
    void anUnknownHostOrVmIsAnErrorNamingTheEndpointAndTheObject() {
        DriverException host = assertThrows(DriverException.class, () -> driver.attach(new HostBinding("hx", "esx-nowhere", Map.of())));
        assertTrue(host.getMessage().startsWith("driver 'vc' (" + simulator.url + "): host hx: no host 'esx-nowhere' in the inventory (known: "),
                host.getMessage());
        DriverException vm = assertThrows(DriverException.class, () -> driver.monitor("h0", "no-such-vm"));
        assertEquals("driver 'vc' (" + simulator.url + "): no VM 'no-such-vm' (by name, instance UUID or managed object id)", vm.getMessage());
    }

    @Test
    void stopsAndStartsAVmAndReportsBothThroughUpdates() throws Exception {
        Placed vm = firstVm();
        driver.stop(vm.host, vm.name, Duration.ofSeconds(5));
        assertEquals(DomainState.SHUTOFF, driver.monitor(vm.host, vm.name).state());
        await().atMost(UPDATE).until(() -> listener.saw(vm.host, vm.name, DomainState.SHUTOFF));
        driver.start(vm.host, vm.name);
        assertEquals(DomainState.RUNNING, driver.monitor(vm.host, vm.name).state());
        await().atMost(UPDATE).until(() -> listener.saw(vm.host, vm.name, DomainState.RUNNING));
    }

    @Test
    void withToolsRunningAStopIsAGuestShutdown() throws Exception {
        Placed vm = firstVm();
        simulator.control("POST", "vm?name=" + vm.name + "&tools=guestToolsRunning");
        driver.close();
        openDriver();
        driver.stop(vm.host, vm.name, Duration.ofSeconds(5));
        assertEquals(DomainState.SHUTOFF, driver.monitor(vm.host, vm.name).state());
        assertEquals("1", simulator.control("GET", "calls?method=ShutdownGuest"));
        assertEquals("0", simulator.control("GET", "calls?method=PowerOffVM_Task"));
    }

    @Test
    void withoutToolsAStopIsAPowerOff() throws Exception {
        Placed vm = firstVm();
        driver.stop(vm.host, vm.name, Duration.ofSeconds(5));
        assertEquals(DomainState.SHUTOFF, driver.monitor(vm.host, vm.name).state());
        assertEquals("0", simulator.control("GET", "calls?method=ShutdownGuest"));
        assertEquals("1", simulator.control("GET", "calls?method=PowerOffVM_Task"));
    }

    @Test
    void aStoppedVmStartedOnAnotherHostMovesThereFirst() throws Exception {
        Placed vm = firstVm();
        String other = otherHost(vm.host);
        driver.stop(vm.host, vm.name, Duration.ofSeconds(5));
        driver.start(other, vm.name);
        assertEquals(DomainState.RUNNING, driver.monitor(other, vm.name).state());
        assertEquals(DomainState.SHUTOFF, driver.monitor(vm.host, vm.name).state());
    }

    @Test
    void aVmRunningOnAHostInReachIsNotStartedElsewhere() throws Exception {
        Placed vm = firstVm();
        String other = otherHost(vm.host);
        DriverException e = assertThrows(DriverException.class, () -> driver.start(other, vm.name));
        assertEquals("driver 'vc' (" + simulator.url + "): VM " + vm.name + " runs on " + vm.host + ", not on " + other, e.getMessage());
        assertEquals(DomainState.RUNNING, driver.monitor(vm.host, vm.name).state());
    }

    @Test
    void aVmPoweredOffBehindBasketsBackIsReported() throws Exception {
        Placed vm = firstVm();
        simulator.control("POST", "vm?name=" + vm.name + "&power=poweredOff");
        await().atMost(UPDATE).until(() -> listener.saw(vm.host, vm.name, DomainState.SHUTOFF));
        assertEquals(DomainState.SHUTOFF, driver.monitor(vm.host, vm.name).state());
    }

    @Test
    void aVmMovedBehindBasketsBackIsReportedGoneFromOneHostAndThereOnTheOther() throws Exception {
        Placed vm = firstVm();
        String other = otherHost(vm.host);
        simulator.control("POST", "vm?name=" + vm.name + "&host=" + hosts.get(Integer.parseInt(other.substring(1))));
        await().atMost(UPDATE).until(() -> listener.saw(vm.host, vm.name, DomainState.SHUTOFF)
                && listener.saw(other, vm.name, DomainState.RUNNING));
        assertEquals(DomainState.RUNNING, driver.monitor(other, vm.name).state());
        assertTrue(driver.domains(vm.host).stream().noneMatch(d -> d.name().equals(vm.name)));
    }

    @Test
    void aHostVcenterSeesNotRespondingLosesContactAndRegainsIt() throws Exception {
        simulator.control("POST", "host?name=" + hosts.get(1) + "&connection=notResponding");
        await().atMost(UPDATE).until(() -> listener.sawContact("h1", false, "vCenter reports host " + hosts.get(1) + " notResponding"));
        DriverException e = assertThrows(DriverException.class, () -> driver.domains("h1"));
        assertEquals("driver 'vc' (" + simulator.url + "): host h1 (" + hosts.get(1) + ") is notResponding", e.getMessage());
        simulator.control("POST", "host?name=" + hosts.get(1) + "&connection=connected");
        await().atMost(UPDATE).until(() -> listener.sawContact("h1", true, "vCenter reports host " + hosts.get(1) + " connected"));
    }

    @Test
    void losingTheEndpointMakesEveryAttachedHostLoseContactAndOperationsFailClearly() throws Exception {
        simulator.close();
        // cut in the middle of the watcher's long poll, or refused at its next call: both are clear
        java.util.function.IntPredicate lost = i -> listener.contacts().stream().anyMatch(c -> c.host().equals("h" + i) && !c.reachable()
                && c.reason().matches(java.util.regex.Pattern.quote("no session with " + simulator.url + ": ")
                        + "(the connection ended without an answer|cannot connect: .*Connection refused.*)"));
        await().atMost(Duration.ofSeconds(15)).until(() -> java.util.stream.IntStream.range(0, hosts.size()).allMatch(lost));
        DriverException e = assertThrows(DriverException.class, () -> driver.domains("h0"));
        assertTrue(e.getMessage().startsWith("driver 'vc' (" + simulator.url + "): no session: "), e.getMessage());
    }

    @Test
    void aHostInMaintenanceModeOffersNoCapacity() throws Exception {
        simulator.control("POST", "host?name=" + hosts.get(2) + "&maintenance=true");
        await().atMost(UPDATE).until(() -> driver.host("h2").capacity().equals(Capacity.NONE));
        assertEquals(List.of(new HostCondition("maintenance", "vCenter has host " + hosts.get(2)
                + " in maintenance mode: it takes no VMs")), driver.host("h2").conditions());
        simulator.control("POST", "host?name=" + hosts.get(2) + "&maintenance=false");
        await().atMost(UPDATE).until(() -> driver.host("h2").capacity().cpus() > 0);
        assertEquals(List.of(), driver.host("h2").conditions());
    }

    @Test
    void vMotionMovesARunningVmAndTellsBothHosts() throws Exception {
        Placed vm = firstVm();
        String target = otherHost(vm.host);
        List<String> progress = new CopyOnWriteArrayList<>();
        driver.capability(LiveMigration.class).orElseThrow()
                .migrate(vm.name, vm.host, target, MigrationOptions.DEFAULT.withProgress(progress::add));
        assertEquals(DomainState.RUNNING, driver.monitor(target, vm.name).state());
        assertEquals(DomainState.SHUTOFF, driver.monitor(vm.host, vm.name).state());
        await().atMost(UPDATE).until(() -> listener.saw(vm.host, vm.name, DomainState.SHUTOFF)
                && listener.saw(target, vm.name, DomainState.RUNNING));
    }

    @Test
    void aVmThatDoesNotRunOnTheSourceIsNotMigrated() throws Exception {
        Placed vm = firstVm();
        String other = otherHost(vm.host);
        DriverException e = assertThrows(DriverException.class, () -> driver.capability(LiveMigration.class).orElseThrow()
                .migrate(vm.name, other, vm.host, MigrationOptions.DEFAULT));
        assertEquals("driver 'vc' (" + simulator.url + "): VM " + vm.name + " does not run on " + other, e.getMessage());
    }

    private record Placed(String host, String name) {
    }

    private Placed firstVm() throws DriverException {
        for (int i = 0; i < hosts.size(); i++) {
            for (DomainInfo domain : driver.domains("h" + i)) {
                if (domain.name().startsWith("DC0")) {
                    return new Placed("h" + i, domain.name());
                }
            }
        }
        throw new AssertionError("no VM named DC0...: " + allDomains());
    }

    private String otherHost(String host) {
        return host.equals("h0") ? "h1" : "h0";
    }

    private List<DomainInfo> allDomains() {
        return java.util.stream.IntStream.range(0, hosts.size()).boxed().flatMap(i -> {
            try {
                return driver.domains("h" + i).stream();
            } catch (DriverException e) {
                throw new AssertionError(e);
            }
        }).toList();
    }
}
