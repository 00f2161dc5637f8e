package org.basket.driver.sim.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import org.basket.api.driver.DriverConfig;
import org.basket.api.driver.DriverException;
import org.basket.api.driver.HostBinding;
import org.basket.api.driver.HypervisorDriver;
import org.basket.api.model.Capacity;
import org.basket.testsupport.RecordingDriverListener;
import org.basket.testsupport.WorldProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SimDriverFactoryTest {
    private final SimDriverFactory factory = new SimDriverFactory();

    @BeforeEach
    void activate() {
        factory.activate();
    }

    @AfterEach
    void deactivate() {
        factory.deactivate();
    }

    @Test
    void defaults() throws DriverException {
        try (HypervisorDriver driver = open(Map.of())) {
            driver.attach(new HostBinding("node1", "sim://node1", Map.of()));

            assertEquals("sim", factory.type());
            assertEquals(Duration.ofMillis(20), factory.datacenter().latency());
            assertEquals(new Capacity(16, 65_536), driver.host("node1").capacity());
        }
    }

    @Test
    void configuredLatencyAndCapacity() throws DriverException {
        try (HypervisorDriver driver = open(Map.of("latency.ms", "0", "host.cpus", "4", "host.memory.mb", "8192"))) {
            driver.attach(new HostBinding("node1", "sim://node1", Map.of()));

            assertEquals(Duration.ZERO, factory.datacenter().latency());
            assertEquals(new Capacity(4, 8192), driver.host("node1").capacity());
        }
    }

    @Test
    void eachHostMayHaveItsOwnCapacity() throws DriverException {
        try (HypervisorDriver driver = open(Map.of("host.cpus", "4", "host.memory.mb", "8192",
                "host.big.cpus", "64", "host.big.memory.mb", "262144", "host.lab-1.example.memory.mb", "2048"))) {
            for (String host : new String[] {"small", "big", "lab-1.example"}) {
                driver.attach(new HostBinding(host, "sim://" + host, Map.of()));
            }

            assertEquals(new Capacity(4, 8192), driver.host("small").capacity());
            assertEquals(new Capacity(64, 262_144), driver.host("big").capacity());
            assertEquals(new Capacity(4, 2048), driver.host("lab-1.example").capacity(), "cpus from host.cpus");
        }
    }

    @Test
    void aHostsBadCapacityIsNamedWithItsKey() {
        assertRejected(Map.of("host.big.cpus", "0"), "'host.big.cpus'");
        assertRejected(Map.of("host.big.memory.mb", "lots"), "'host.big.memory.mb'");
        assertRejected(Map.of("host.big.disk.gb", "100"), "'host.big.disk.gb'");
    }

    @Test
    void unknownKeyIsNamed() {
        assertRejected(Map.of("latency", "5"), "'latency'");
    }

    @Test
    void badValuesAreNamedWithTheirKey() {
        assertRejected(Map.of("migration.ms", "fast"), "'migration.ms'");
        assertRejected(Map.of("latency.ms", "-5"), "'latency.ms'");
        assertRejected(Map.of("host.cpus", "0"), "'host.cpus'");
        assertRejected(Map.of("host.cpus", "4294967296"), "'host.cpus'");
        assertRejected(Map.of("host.memory.mb", "lots"), "'host.memory.mb'");
    }

    @Test
    void everyBadKeyIsNamedAtOnceInTheOneFormat() {
        DriverException e = assertThrows(DriverException.class, () -> open(Map.of("migration.ms", "fast", "latency", "5",
                "host.big.cpus", "0", "host.memory.mb", "-1")));
        assertEquals("driver 'lab': key 'latency': unknown key (known keys: host.cpus, host.memory.mb, latency.ms,"
                + " migration.ms, world, and keys matching host\\.(.+)\\.(cpus|memory\\.mb)); key 'migration.ms': not a"
                + " whole number: 'fast'; key 'host.memory.mb': must be from 1 up: '-1'; key 'host.big.cpus': must be"
                + " from 1 to 2147483647: '0'", e.getMessage());
    }

    @Test
    void aRefusedReopenChangesNothingAndTheOpenEndpointKeepsItsSettings() throws DriverException {
        try (HypervisorDriver driver = open(Map.of("latency.ms", "0", "host.cpus", "4"))) {
            assertThrows(DriverException.class, () -> open(Map.of("latency.ms", "50", "host.cpus", "lots")));

            driver.attach(new HostBinding("node1", "sim://node1", Map.of()));
            assertEquals(Duration.ZERO, factory.datacenter().latency(), "the refused file's latency was not applied");
            assertEquals(new Capacity(4, 65_536), driver.host("node1").capacity());
        }
    }

    @Test
    void deactivatedFactoryHasNoDatacenter() {
        factory.deactivate();

        assertThrows(IllegalStateException.class, factory::datacenter);
        factory.activate();
    }

    @Test
    void deactivationClosesTheEndpointsAndTheirWorldConnections() throws Exception {
        try (WorldProcess world = WorldProcess.start(0)) {
            HypervisorDriver remote = open(Map.of("world", world.address()));

            factory.deactivate();

            DriverException closed = assertThrows(DriverException.class, remote::discoverHosts);
            assertEquals("simulator endpoint 'lab' is closed", closed.getMessage());
        }
    }

    private HypervisorDriver open(Map<String, String> properties) throws DriverException {
        return factory.open(new DriverConfig("lab", "sim", properties), new RecordingDriverListener());
    }

    private void assertRejected(Map<String, String> properties, String key) {
        DriverException e = assertThrows(DriverException.class, () -> open(properties));
        assertTrue(e.getMessage().contains("driver 'lab'") && e.getMessage().contains(key), e.getMessage());
    }
}
