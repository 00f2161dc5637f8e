package org.basket.driver.libvirt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.basket.api.driver.DriverException;
import org.basket.api.driver.StoragePools;
import org.basket.testsupport.RecordingDriverListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Volumes of the test driver's directory pool {@code default-pool} (100 GiB) through the driver's capability. */
class StoragePoolsTest {
    private static final long GIB = 1L << 30;
    private LibvirtEndpoint endpoint;
    private StoragePools pools;

    @BeforeEach
    void attach() throws Exception {
        endpoint = TestHosts.open("kvm", Map.of(), new RecordingDriverListener());
        endpoint.attach(TestHosts.binding("h1", "test:///default"));
        pools = endpoint.capability(StoragePools.class).orElseThrow();
    }

    @AfterEach
    void close() {
        endpoint.close();
    }

    @Test
    void allocatesAVolumeAndDeletesItByNameOrPath() throws Exception {
        String path = pools.allocate("h1", "default-pool", "pt-a.img", GIB);
        assertTrue(path.endsWith("/pt-a.img"), path);
        assertTrue(pools.delete("h1", "default-pool", "pt-a.img"));
        assertFalse(pools.delete("h1", "default-pool", "pt-a.img"), "gone: nothing to delete");

        String again = pools.allocate("h1", "default-pool", "pt-b.img", GIB);
        assertTrue(pools.deleteAt("h1", again));
        assertFalse(pools.deleteAt("h1", again));
    }

    @Test
    void aFullPoolIsRefusedWithItsFreeSpaceAndNothingIsAllocated() throws Exception {
        DriverException full = assertThrows(DriverException.class,
                () -> pools.allocate("h1", "default-pool", "pt-big.img", 200 * GIB));
        assertEquals("pool 'default-pool' on host h1 is full: 102400 MiB free, the disk needs 204800 MiB",
                full.getMessage());
        assertFalse(pools.delete("h1", "default-pool", "pt-big.img"));
    }

    @Test
    void anUnknownPoolIsNamed() {
        DriverException unknown = assertThrows(DriverException.class,
                () -> pools.allocate("h1", "nopool", "pt-c.img", GIB));
        assertEquals("host h1: no storage pool 'nopool'", unknown.getMessage());
    }

    @Test
    void readsTheDisksOfADomainDefinition() throws Exception {
        String path = pools.allocate("h1", "default-pool", "pt-d.img", GIB);
        endpoint.define("h1", "<domain type='test'><name>pt-d</name><memory>65536</memory><vcpu>1</vcpu>"
                + "<os><type>hvm</type></os><devices><disk type='file' device='disk'><source file='" + path
                + "'/><target dev='vda'/></disk></devices></domain>");
        try {
            assertEquals(List.of(path), pools.disks("h1", "pt-d"));
        } finally {
            endpoint.undefine("h1", "pt-d");
            pools.deleteAt("h1", path);
        }
    }
}
