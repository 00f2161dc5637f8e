package org.basket.core;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.basket.api.cluster.ProvisioningException;
import org.basket.api.cluster.VmRequest;
import org.basket.core.config.ConfigFolder;
import org.basket.driver.libvirt.internal.LibvirtDriverFactory;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.libvirt.Connect;
import org.libvirt.StoragePool;

/**
 * ha:vm-create and ha:vm-delete in the manager outside OSGi, with the libvirt driver on libvirt's test driver and its
 * directory pool {@code default-pool} (100 GiB): a VM made in one step and deleted; a fault in each step leaves nothing;
 * a crash in the middle is undone, or completed once the configuration was written, by the next manager.
 * test:///default is shared by every connection of this process, so the test's own connection sees what was made.
 */
public class ProvisioningTestDriverTest {
    private static final String URI = "test:///default";
    private static final String POOL = "default-pool";
    private static final String DEFINITION = "<domain type='test'><name>${name}</name>"
            + "<memory unit='KiB'>${memory.kib}</memory><vcpu>${cpus}</vcpu><os><type>hvm</type></os><devices>"
            + "<disk type='file' device='disk'><source file='${disk.path}'/><target dev='vda'/></disk>"
            + "<interface type='network'><source network='${network}'/></interface></devices></domain>";

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();
    private final ClusterManager manager = new ClusterManager();
    private final List<String> steps = new ArrayList<>();
    private Path etc;
    private Path journal;
    private ConfigFolder folder;
    private Connect libvirt;

    @Before
    public void start() throws Exception {
        libvirt = new Connect(URI);
        etc = temp.newFolder("etc").toPath();
        journal = temp.newFolder("data").toPath().resolve("provisioning");
        write("org.basket.driver-lv.cfg", "type = libvirt");
        write("org.basket.host-h1.cfg", "driver = lv", "address = " + URI);
        Files.createDirectories(etc.resolve("templates"));
        write("templates/small.xml", DEFINITION);
        write("templates/small.cfg", "pool = " + POOL, "cpus = 1", "memory.mb = 64", "disk.size = 1G");
        write("templates/broken.xml", DEFINITION.replace("type='test'", "type='nonsense'"));
        write("templates/broken.cfg", "pool = " + POOL);
        folder = new ConfigFolder(etc, manager.store(), manager::configChanged);
        folder.open();
        manager.bindDriverFactory(new LibvirtDriverFactory());
        manager.start(Map.of("settle.ms", "0", "observe.interval.ms", "200", "start.timeout.ms", "5000"));
        manager.provisionIn(etc, journal);
        awaitUntil(10_000, () -> manager.snapshot().state().hostState("h1") == org.basket.api.model.HostState.ONLINE);
    }

    @After
    public void stop() throws Exception {
        manager.stop();
        folder.close();
        libvirt.close();
    }

    @Test
    public void createsAVmInOneStepAndDeletesItWithItsDisk() throws Exception {
        String host = manager.create(new VmRequest("pv-a", "small", 2, 128, 0, "", ""), steps::add);
        assertEquals("h1", host);
        assertEquals(List.of("host h1 (the scheduler's choice)", "allocating a 1G disk in pool default-pool on h1",
                "disk /default-pool/pv-a.img allocated", "defining domain pv-a on h1", "domain pv-a defined on h1",
                "configuration org.basket.resource-pv-a.cfg written",
                "waiting up to 5 s for the engine to start pv-a", "pv-a runs on h1"), withoutReasons());
        assertEquals(1, libvirt.domainLookupByName("pv-a").isActive());
        assertEquals(2, libvirt.domainLookupByName("pv-a").getInfo().nrVirtCpu);
        assertTrue(volumes().contains("pv-a.img"));
        assertTrue(Files.readString(etc.resolve("org.basket.resource-pv-a.cfg")).contains("memory.mb = 128"));
        assertEquals(List.of("h1"), manager.snapshot().state().resource("pv-a").activeOn());

        steps.clear();
        manager.delete("pv-a", false, steps::add);
        assertEquals(List.of("configuration org.basket.resource-pv-a.cfg removed", "domain pv-a undefined on h1",
                "disk /default-pool/pv-a.img deleted"), steps);
        assertNothingLeftOf("pv-a");
    }

    @Test
    public void deleteKeepsTheDiskWhenAsked() throws Exception {
        manager.create(new VmRequest("pv-k", "small", 0, 0, 0, "", "h1"), steps::add);
        assertTrue(Files.exists(etc.resolve("org.basket.constraint-pv-k-on-h1.cfg")));
        manager.delete("pv-k", true, line -> { });
        assertFalse(Files.exists(etc.resolve("org.basket.constraint-pv-k-on-h1.cfg")));
        assertFalse(Arrays.asList(libvirt.listDefinedDomains()).contains("pv-k"));
        assertTrue(volumes().contains("pv-k.img"));

        // the kept disk is not Basket's to delete: a new pv-k fails at its disk and leaves the kept one alone
        ProvisioningException taken = assertThrows(ProvisioningException.class,
                () -> manager.create(new VmRequest("pv-k", "small", 0, 0, 0, "", ""), steps::add));
        assertTrue(taken.getMessage(), taken.getMessage().startsWith("vm-create pv-k failed allocating its disk: "));
        assertTrue(volumes().contains("pv-k.img"));
        libvirt.storagePoolLookupByName(POOL).storageVolLookupByName("pv-k.img").delete(0);
    }

    @Test
    public void aFullPoolIsAClearErrorAndLeavesNothing() {
        ProvisioningException full = assertThrows(ProvisioningException.class,
                () -> manager.create(new VmRequest("pv-f", "small", 0, 0, 200L << 30, "", ""), steps::add));
        assertEquals("vm-create pv-f failed allocating its disk: pool 'default-pool' on host h1 is full: 102400 MiB "
                + "free, the disk needs 204800 MiB; everything done before was undone", full.getMessage());
        assertNothingLeftOf("pv-f");
    }

    @Test
    public void aRefusedDefinitionRemovesTheDisk() throws Exception {
        ProvisioningException refused = assertThrows(ProvisioningException.class,
                () -> manager.create(new VmRequest("pv-b", "broken", 0, 0, 0, "", ""), steps::add));
        assertTrue(refused.getMessage(), refused.getMessage().startsWith("vm-create pv-b failed defining its domain: "
                + "host h1: defining a domain from XML: "));
        assertTrue(refused.getMessage(), refused.getMessage().endsWith("; everything done before was undone"));
        assertTrue(steps.toString(), steps.contains("disk /default-pool/pv-b.img deleted"));
        assertNothingLeftOf("pv-b");
    }

    @Test
    public void badRequestsAreNamedAndNothingIsMade() throws Exception {
        assertEquals("no template 'none': " + etc.resolve("templates/none.xml") + " does not exist",
                assertThrows(IllegalArgumentException.class,
                        () -> manager.create(new VmRequest("pv-x", "none", 0, 0, 0, "", ""), steps::add)).getMessage());
        write("org.basket.resource-pv-x.cfg", "kind = vm");
        assertEquals("a resource 'pv-x' is already configured", assertThrows(IllegalArgumentException.class,
                () -> manager.create(new VmRequest("pv-x", "small", 0, 0, 0, "", ""), steps::add)).getMessage());
        // the folder watcher sees the file come and then go before pv-x is free again
        awaitUntil(10_000, () -> manager.snapshot().config().resources().containsKey("pv-x"));
        Files.delete(etc.resolve("org.basket.resource-pv-x.cfg"));
        awaitUntil(10_000, () -> !manager.snapshot().config().resources().containsKey("pv-x"));
        assertEquals("host h1 already has a domain 'test'", assertThrows(IllegalArgumentException.class,
                () -> manager.create(new VmRequest("test", "small", 0, 0, 0, "", ""), steps::add)).getMessage());
        write("templates/odd.xml", "<domain>${disk}</domain>");
        assertEquals(etc.resolve("templates/odd.xml") + ": unknown placeholder ${disk} (known: cpus, disk.path, "
                + "memory.kib, memory.mb, name, network)", assertThrows(IllegalArgumentException.class,
                        () -> manager.create(new VmRequest("pv-x", "odd", 0, 0, 0, "", ""), steps::add)).getMessage());
        assertNothingLeftOf("pv-x");
    }

    @Test
    public void aCrashBeforeTheConfigurationIsUndoneByTheNextManager() throws Exception {
        assertThrows(Crash.class, () -> manager.create(new VmRequest("pv-c", "small", 0, 0, 0, "", ""),
                crashAt("domain pv-c defined on h1")));
        assertTrue("the crash left the domain", Arrays.asList(libvirt.listDefinedDomains()).contains("pv-c"));
        manager.provisionIn(etc, journal); // the next manager
        // the event comes last, once everything is undone
        awaitUntil(10_000, () -> manager.events(50).stream().anyMatch(e -> e.message().equals(
                "vm-create pv-c interrupted before its configuration was written: undone")));
        assertNothingLeftOf("pv-c");
    }

    @Test
    public void aCrashAfterTheConfigurationIsCompletedByTheNextManager() throws Exception {
        assertThrows(Crash.class, () -> manager.create(new VmRequest("pv-d", "small", 0, 0, 0, "", ""),
                crashAt("configuration org.basket.resource-pv-d.cfg written")));
        manager.provisionIn(etc, journal);
        awaitUntil(10_000, () -> manager.events(50).stream().anyMatch(e -> e.message().equals("vm-create pv-d completed "
                + "after an interruption: its configuration was written, it is an HA resource")));
        assertFalse("journal", Files.exists(journal.resolve("pv-d.op")));
        awaitUntil(10_000, () -> manager.snapshot().state().resource("pv-d") != null
                && manager.snapshot().state().resource("pv-d").activeOn().equals(List.of("h1")));
        manager.delete("pv-d", false, line -> { });
        assertNothingLeftOf("pv-d");
    }

    private void assertNothingLeftOf(String name) {
        try {
            assertFalse("domain " + name, Arrays.asList(libvirt.listDefinedDomains()).contains(name));
            for (int id : libvirt.listDomains()) {
                assertFalse("running " + name, libvirt.domainLookupByID(id).getName().equals(name));
            }
            assertFalse("volume " + name, volumes().contains(name + ".img"));
        } catch (org.libvirt.LibvirtException e) {
            throw new AssertionError(e);
        }
        assertFalse("configuration", Files.exists(etc.resolve("org.basket.resource-" + name + ".cfg")));
        assertFalse("journal", Files.exists(journal.resolve(name + ".op")));
    }

    private boolean defined(String name) {
        try {
            return Arrays.asList(libvirt.listDefinedDomains()).contains(name);
        } catch (org.libvirt.LibvirtException e) {
            throw new AssertionError(e);
        }
    }

    private List<String> volumes() throws org.libvirt.LibvirtException {
        StoragePool pool = libvirt.storagePoolLookupByName(POOL);
        pool.refresh(0);
        return Arrays.asList(pool.listVolumes());
    }

    private List<String> withoutReasons() {
        return steps.stream().filter(s -> !s.startsWith("not started yet: ")).toList();
    }

    private static Consumer<String> crashAt(String step) {
        return line -> {
            if (line.equals(step)) {
                throw new Crash();
            }
        };
    }

    /** The manager dying at a step: nothing after it runs, no undo. */
    private static final class Crash extends Error {
        private static final long serialVersionUID = 1L;
    }

    private void write(String file, String... lines) throws Exception {
        Files.writeString(etc.resolve(file), String.join("\n", lines) + "\n");
    }

    private static void awaitUntil(long millis, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (!condition.getAsBoolean()) {
            assertTrue("not within " + millis + " ms", System.nanoTime() < deadline);
            Thread.sleep(20);
        }
    }
}
