package org.basket.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.basket.core.config.ConfigPids;
import org.basket.driver.sim.SimulatedDatacenter;
import org.basket.driver.sim.internal.SimDriverFactory;
import org.basket.northbound.snmp.SnmpTestAccess;
import org.basket.testsupport.ConfigFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real manager (outside OSGi) on the simulated hypervisor, heard by the SNMP interface: a crashed host reaches a
 * real snmptrapd as lost, then fenced, then each of its VMs recovered where it runs now, in that order.
 */
class SnmpHostCrashTest {
    private static final List<String> VMS = List.of("db", "web", "app1", "app2");
    private final SimulatedDatacenter datacenter = new SimulatedDatacenter();
    private final ClusterManager manager = new ClusterManager();
    @TempDir
    Path temp;
    private SnmpTestAccess snmp;

    @AfterEach
    void stop() {
        if (snmp != null) {
            snmp.close();
        }
        manager.stop();
        assertEquals(List.of(), datacenter.violations(), "no VM was ever active on two hosts");
    }

    @Test
    void aCrashedHostIsLostThenFencedThenEachOfItsVmsRecoveredWhereItRunsNow() throws Exception {
        file(ConfigPids.DRIVER, "sim", "type", "sim");
        for (String host : List.of("node1", "node2", "node3")) {
            file(ConfigPids.HOST, host, "driver", "sim");
        }
        VMS.forEach(vm -> file(ConfigPids.RESOURCE, vm, "cpus", "1"));
        manager.bindDriverFactory(new SimDriverFactory(datacenter));
        try (SnmpTestAccess.Receiver receiver = SnmpTestAccess.receiver(temp.resolve("trapd"))) {
            snmp = SnmpTestAccess.start(manager, receiver.port(), temp.resolve("state"));
            manager.bindEventListener(snmp.listener());
            manager.start(Map.of("settle.ms", "0", "observe.interval.ms", "50", "host.dead.timeout.ms", "300"));
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> VMS.stream().allMatch(this::runsOnOneHost));

            String host = hostOf("db");
            List<String> vms = VMS.stream().filter(vm -> host.equals(hostOf(vm))).toList();
            datacenter.crashHost(host);
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> vms.stream()
                    .allMatch(vm -> runsOnOneHost(vm) && !host.equals(hostOf(vm))));

            List<String> told = receiver.awaitTold(2 + vms.size());
            assertEquals("basketHostLost " + host, told.get(0), told.toString());
            assertEquals("basketHostFenced " + host, told.get(1), told.toString());
            assertEquals(vms.stream().map(vm -> "basketResourceRecovered " + hostOf(vm) + " " + vm).sorted().toList(),
                    told.subList(2, told.size()).stream().sorted().toList());
            assertTrue(snmp.dropped() == 0);
        }
    }

    private boolean runsOnOneHost(String vm) {
        return manager.snapshot().state().resource(vm).activeOn().size() == 1;
    }

    private String hostOf(String vm) {
        List<String> hosts = manager.snapshot().state().resource(vm).activeOn();
        return hosts.size() == 1 ? hosts.get(0) : "";
    }

    private void file(String factoryPid, String name, String... keyValues) {
        ConfigFiles.put(manager.store()::update, factoryPid, name, keyValues);
    }
}
