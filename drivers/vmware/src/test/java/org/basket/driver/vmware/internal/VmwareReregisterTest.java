package org.basket.driver.vmware.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.basket.api.driver.DomainInfo;
import org.basket.api.driver.DomainState;
import org.basket.api.driver.DriverConfig;
import org.basket.api.driver.DriverException;
import org.basket.api.driver.HypervisorDriver;
import org.basket.testsupport.RecordingDriverListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.vmware.vim25.HostNotConnected;
import com.vmware.vim25.VirtualMachineMovePriority;
import com.vmware.vim25.VirtualMachineRelocateSpec;

/**
 * A VM whose host vCenter does not reach, as a real vCenter treats it: the simulator refuses to relocate it or power
 * it on elsewhere (HostNotConnected), so the driver unregisters it and registers its .vmx on the target host.
 */
class VmwareReregisterTest {
    private static final Duration UPDATE = Duration.ofSeconds(5);
    private VsphereSimulator simulator;
    private final RecordingDriverListener listener = new RecordingDriverListener();
    private HypervisorDriver driver;
    private List<String> hosts;

    @BeforeEach
    void open() throws Exception {
        simulator = VsphereSimulator.start(3, 3);
        driver = new VmwareDriverFactory().open(new DriverConfig("vc", "vmware", simulator.endpointKeys()), listener);
        hosts = VcenterEndpoints.attachAll(driver);
    }

    @AfterEach
    void close() throws Exception {
        VcenterEndpoints.close(driver, simulator);
    }

    @Test
    void theSimulatorRefusesToRelocateOrPowerOnAVmOfAHostItDoesNotReach() throws Exception {
        Vm vm = firstVm();
        lose(vm.host);
        VmwareSettings settings = VmwareSettings.parse(new DriverConfig("vc", "vmware", simulator.endpointKeys()));
        Sdk sdk = Sdk.login(settings, TrustedUrl.of(settings));
        try {
            VirtualMachineRelocateSpec spec = new VirtualMachineRelocateSpec();
            spec.setHost(VmwareEndpoint.ref("HostSystem", hostMoid(otherHost(vm.host))));
            assertThrows(HostNotConnected.class, () -> sdk.port.relocateVM_Task(VmwareEndpoint.ref("VirtualMachine", vm.moid), spec,
                    VirtualMachineMovePriority.defaultPriority));
            assertThrows(HostNotConnected.class, () -> sdk.port.powerOnVM_Task(VmwareEndpoint.ref("VirtualMachine", vm.moid),
                    VmwareEndpoint.ref("HostSystem", hostMoid(otherHost(vm.host)))));
        } finally {
            sdk.logout();
        }
    }

    @Test
    void aVmOfALostHostIsUnregisteredThereRegisteredOnTheTargetAndKeepsItsNames() throws Exception {
        Vm vm = firstVm();
        String target = otherHost(vm.host);
        lose(vm.host);
        driver.start(target, vm.name);
        assertEquals(DomainState.RUNNING, driver.monitor(target, vm.name).state());
        assertEquals(DomainState.RUNNING, driver.monitor(target, vm.uuid).state(), "by instance UUID");
        assertEquals(DomainState.RUNNING, driver.monitor(target, vm.moid).state(), "by its managed object id before the register");
        List<String> there = driver.domains(target).stream().filter(d -> d.state() == DomainState.RUNNING).map(DomainInfo::name).toList();
        assertTrue(there.containsAll(List.of(vm.name, vm.uuid, vm.moid)), there.toString());
        assertEquals("1", simulator.control("GET", "calls?method=UnregisterVM"));
        assertEquals("1", simulator.control("GET", "calls?method=RegisterVM_Task"));
        assertEquals("0", simulator.control("GET", "calls?method=RelocateVM_Task"));
        driver.start(target, vm.moid);
        assertEquals("1", simulator.control("GET", "calls?method=RegisterVM_Task"), "a second start of a running VM registers nothing");
    }

    @Test
    void aRegisterThatFailsAfterTheUnregisterSaysSoNamingTheVmxAndTheNextStartRegistersIt() throws Exception {
        Vm vm = firstVm();
        String target = otherHost(vm.host);
        lose(vm.host);
        simulator.control("POST", "fail?method=RegisterVM_Task&count=1");
        DriverException e = assertThrows(DriverException.class, () -> driver.start(target, vm.name));
        String vmx = "[LocalDS_0] " + vm.name + "/" + vm.name + ".vmx";
        assertEquals("driver 'vc' (" + simulator.url + "): VM " + vm.name + ": registering " + vmx + " on " + target
                + ": vCenter answered FileNotFound (injected by the test); the VM is unregistered: register " + vmx
                + " by hand, or start it again", e.getMessage());
        assertEquals(DomainState.SHUTOFF, driver.monitor(target, vm.name).state());
        driver.start(target, vm.name);
        assertEquals(DomainState.RUNNING, driver.monitor(target, vm.name).state());
        assertEquals("1", simulator.control("GET", "calls?method=UnregisterVM"));
        assertEquals("2", simulator.control("GET", "calls?method=RegisterVM_Task"));
    }

    @Test
    void aStoppedVmOfAConnectedHostIsMovedNeverUnregistered() throws Exception {
        Vm vm = firstVm();
        String target = otherHost(vm.host);
        driver.stop(vm.host, vm.name, Duration.ofSeconds(5));
        driver.start(target, vm.name);
        assertEquals(DomainState.RUNNING, driver.monitor(target, vm.moid).state());
        assertEquals("0", simulator.control("GET", "calls?method=UnregisterVM"));
        assertEquals("1", simulator.control("GET", "calls?method=RelocateVM_Task"));
    }

    /** The host's power cut: its VMs stop and vCenter sees it not responding. */
    private void lose(String host) throws Exception {
        simulator.control("POST", "bmc?host=" + hosts.get(Integer.parseInt(host.substring(1))) + "&power=off");
        await().atMost(UPDATE).until(() -> listener.lostContact(host));
    }

    private record Vm(String host, String name, String uuid, String moid) {
    }

    /** The first VM named DC0..., with the ids the driver lists it under, in order: name, instance UUID, managed object id. */
    private Vm firstVm() throws DriverException {
        for (int i = 0; i < hosts.size(); i++) {
            List<String> ids = driver.domains("h" + i).stream().map(DomainInfo::name).toList();
            for (int at = 0; at + 2 < ids.size(); at++) {
                if (ids.get(at).startsWith("DC0") && ids.get(at + 2).startsWith("vm-")) {
                    return new Vm("h" + i, ids.get(at), ids.get(at + 1), ids.get(at + 2));
                }
            }
        }
        throw new AssertionError("no VM named DC0...");
    }

    private String hostMoid(String host) throws Exception {
        return Names.host(inventoryOf(), hosts.get(Integer.parseInt(host.substring(1)))).orElseThrow().moid();
    }

    private Inventory inventoryOf() throws Exception {
        java.lang.reflect.Field field = VmwareEndpoint.class.getDeclaredField("inventory");
        field.setAccessible(true);
        return (Inventory) field.get(driver);
    }

    private String otherHost(String host) {
        return host.equals("h0") ? "h1" : "h0";
    }
}
