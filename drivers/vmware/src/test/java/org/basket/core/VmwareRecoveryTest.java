package org.basket.core;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.basket.api.cluster.ClusterEvent;
import org.basket.api.driver.DomainInfo;
import org.basket.api.driver.DriverConfig;
import org.basket.api.driver.HypervisorDriver;
import org.basket.api.driver.HostBinding;
import org.basket.api.model.ResourceStatus;
import org.basket.core.config.ConfigPids;
import org.basket.driver.vmware.internal.VmwareDriverFactory;
import org.basket.driver.vmware.internal.VsphereSimulator;
import org.basket.testsupport.RecordingDriverListener;
import org.basket.testsupport.RecoveryEvents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The manager outside OSGi with the VMware driver against the simulated vCenter (3 hosts, 3 VMs), each host
 * fenced through its simulated BMC: a host vCenter no longer reaches is suspect, fenced, and its VMs are
 * restarted on the others, each on one host, none before the fence: as a real vCenter needs it, each is unregistered
 * from the lost host and registered on a survivor (the simulator refuses to relocate it or power it on elsewhere).
 */
class VmwareRecoveryTest {
    private final ClusterManager manager = new ClusterManager();
    private VsphereSimulator simulator;
    private HypervisorDriver view;
    private final Map<String, String> hostNames = new HashMap<>();

    @BeforeEach
    void start() throws Exception {
        simulator = VsphereSimulator.start(3, 3);
        Map<String, String> endpoint = simulator.endpointKeys();
        view = new VmwareDriverFactory().open(new DriverConfig("view", "vmware", endpoint), new RecordingDriverListener());
        List<String> names = view.discoverHosts();
        List<String> vms = new java.util.ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String host = "h" + i;
            hostNames.put(host, names.get(i));
            view.attach(new HostBinding(host, names.get(i), Map.of()));
            view.domains(host).stream().map(DomainInfo::name).filter(name -> name.startsWith("DC0")).forEach(vms::add);
        }
        String[] driver = new String[endpoint.size() * 2 + 2];
        driver[0] = "type";
        driver[1] = "vmware";
        int at = 2;
        for (Map.Entry<String, String> key : endpoint.entrySet()) {
            driver[at++] = key.getKey();
            driver[at++] = key.getValue();
        }
        file(ConfigPids.DRIVER, "vc", driver);
        for (Map.Entry<String, String> host : hostNames.entrySet()) {
            file(ConfigPids.HOST, host.getKey(), "driver", "vc", "address", host.getValue());
            file(ConfigPids.FENCE, host.getKey() + "-bmc", "host", host.getKey(), "agent", SimulatorBmc.AGENT, "plug", host.getValue());
        }
        for (int i = 0; i < vms.size(); i++) {
            file(ConfigPids.RESOURCE, "vm" + i, "domain", vms.get(i), "cpus", "1", "memory.mb", "32");
        }
        manager.bindFenceDeviceFactory(SimulatorBmc.of(simulator), Map.of());
        manager.bindDriverFactory(new VmwareDriverFactory());
        manager.start(Map.of("settle.ms", "0", "observe.interval.ms", "1000", "host.dead.timeout.ms", "1000"));
        await().atMost(Duration.ofSeconds(30)).until(() -> vms.size() == 3
                && List.of("vm0", "vm1", "vm2").stream().allMatch(r -> status(r) != null && status(r).activeOn().size() == 1));
    }

    @AfterEach
    void stop() throws Exception {
        try {
            manager.stop();
            if (view != null) {
                view.close();
            }
        } finally {
            simulator.close();
        }
    }

    @Test
    void aHostVcenterLosesIsFencedAndItsVmsRestartOnTheOthersAfterTheFence() throws Exception {
        String victim = status("vm0").activeOn().get(0);
        List<String> lost = List.of("vm0", "vm1", "vm2").stream().filter(r -> status(r).activeOn().contains(victim)).toList();
        long before = manager.events(1).get(0).sequence();

        simulator.control("POST", "host?name=" + hostNames.get(victim) + "&connection=notResponding");

        await().atMost(Duration.ofSeconds(30)).until(() -> lost.stream().allMatch(r -> status(r).activeOn().size() == 1
                && !status(r).activeOn().contains(victim)));
        assertEquals("off", simulator.control("GET", "bmc?host=" + hostNames.get(victim)));
        List<ClusterEvent> events = manager.events(500).stream().filter(e -> e.sequence() > before).toList();
        RecoveryEvents.assertFencedBeforeStarted(events, victim, lost);
        for (String resource : List.of("vm0", "vm1", "vm2")) {
            assertEquals(1, status(resource).activeOn().size(), resource + " " + status(resource));
        }
        // vCenter relocates no VM of a host it does not reach: each lost VM was unregistered and registered once
        String recovered = Integer.toString(lost.size());
        assertEquals(recovered, simulator.control("GET", "calls?method=UnregisterVM"));
        assertEquals(recovered, simulator.control("GET", "calls?method=RegisterVM_Task"));
        assertEquals("0", simulator.control("GET", "calls?method=RelocateVM_Task"));
        for (String resource : lost) {
            String domain = domainOf(resource);
            long places = hostNames.keySet().stream().filter(host -> runsOn(host, domain)).count();
            assertEquals(1, places, resource + " (" + domain + ") runs on " + places + " hosts");
        }
    }

    private String domainOf(String resource) {
        return manager.snapshot().config().resources().get(resource).domain();
    }

    private boolean runsOn(String host, String domain) {
        try {
            return view.domains(host).stream().anyMatch(d -> d.name().equals(domain) && d.state().isActive());
        } catch (org.basket.api.driver.DriverException e) {
            return false;
        }
    }

    private ResourceStatus status(String resource) {
        return manager.snapshot().state().resource(resource);
    }

    private void file(String factoryPid, String name, String... keyValues) {
        Map<String, Object> raw = new HashMap<>();
        raw.put("felix.fileinstall.filename", "file:/etc/" + factoryPid + "-" + name + ".cfg");
        for (int i = 0; i < keyValues.length; i += 2) {
            raw.put(keyValues[i], keyValues[i + 1]);
        }
        manager.store().update(factoryPid, "pid-" + factoryPid + "-" + name, raw);
    }
}
