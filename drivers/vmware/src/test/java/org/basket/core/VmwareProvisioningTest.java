package org.basket.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

import org.basket.api.cluster.ProvisioningException;
import org.basket.api.cluster.VmRequest;
import org.basket.api.driver.DomainInfo;
import org.basket.api.driver.DriverConfig;
import org.basket.api.driver.HostBinding;
import org.basket.api.driver.HypervisorDriver;
import org.basket.api.model.HostState;
import org.basket.core.config.ConfigFolder;
import org.basket.driver.vmware.internal.VmwareDriverFactory;
import org.basket.driver.vmware.internal.VsphereSimulator;
import org.basket.testsupport.RecordingDriverListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ha:vm-create and ha:vm-delete with the VMware driver, the manager outside OSGi against the simulated vCenter (2
 * hosts, its one VM marked as template, a clone taking 1 s in ten steps of progress): a VM cloned from the template,
 * run by the engine and deleted with its files, or connected to the --network asked; a fault in each step (datastore
 * full, an unknown network, the clone task refused, the clone's reconfiguration refused, the host lost during the
 * clone) leaves no VM, no files and no configuration, and so does the next manager after a crash during the clone.
 */
class VmwareProvisioningTest {
    private static final String DATASTORE = "LocalDS_0";

    @TempDir
    Path temp;
    private final ClusterManager manager = new ClusterManager();
    private final List<String> steps = Collections.synchronizedList(new ArrayList<>());
    private VsphereSimulator simulator;
    private HypervisorDriver view;
    private ConfigFolder folder;
    private Path etc;
    private Path journal;
    private String template;
    private final List<String> vcenterHosts = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        simulator = VsphereSimulator.start(2, 1, Duration.ZERO, Duration.ofSeconds(1));
        view = new VmwareDriverFactory().open(new DriverConfig("view", "vmware", simulator.endpointKeys()), new RecordingDriverListener());
        vcenterHosts.addAll(view.discoverHosts());
        List<String> vms = new ArrayList<>();
        for (int i = 0; i < vcenterHosts.size(); i++) {
            view.attach(new HostBinding("h" + i, vcenterHosts.get(i), Map.of()));
            view.domains("h" + i).stream().map(DomainInfo::name).filter(n -> n.startsWith("DC0")).forEach(vms::add);
        }
        template = vms.get(0);
        simulator.control("POST", "vm?name=" + template + "&template=true");

        etc = Files.createDirectories(temp.resolve("etc"));
        journal = temp.resolve("data/provisioning");
        List<String> driver = new ArrayList<>(List.of("type = vmware"));
        simulator.endpointKeys().forEach((key, value) -> driver.add(key + " = " + value));
        write("org.basket.driver-vc.cfg", driver.toArray(String[]::new));
        for (int i = 0; i < vcenterHosts.size(); i++) {
            write("org.basket.host-h" + i + ".cfg", "driver = vc", "address = " + vcenterHosts.get(i));
        }
        Files.createDirectories(etc.resolve("templates"));
        write("templates/" + template + ".cfg", "pool = " + DATASTORE, "cpus = 1", "memory.mb = 32", "disk.size = 1M");
        folder = new ConfigFolder(etc, manager.store(), manager::configChanged);
        folder.open();
        manager.bindDriverFactory(new VmwareDriverFactory());
        manager.start(Map.of("settle.ms", "0", "observe.interval.ms", "200", "start.timeout.ms", "5000"));
        manager.provisionIn(etc, journal);
        awaitUntil(20_000, () -> List.of("h0", "h1").stream()
                .allMatch(h -> manager.snapshot().state().hostState(h) == HostState.ONLINE));
    }

    @AfterEach
    void stop() throws Exception {
        try {
            manager.stop();
            folder.close();
            view.close();
        } finally {
            simulator.close();
        }
    }

    @Test
    void clonesTheTemplateRunsItAndDeletesItWithItsFiles() throws Exception {
        String host = manager.create(new VmRequest("pv-a", template, 2, 64, 8L << 20, "", ""), steps::add);

        assertTrue(steps.contains("host " + host + " (the scheduler's choice)"), steps.toString());
        assertTrue(steps.contains("cloning template " + template + " to pv-a on " + host
                + " (2 CPUs, 64 MB, disk of at least 8M) in " + DATASTORE), steps.toString());
        assertTrue(steps.stream().anyMatch(s -> s.matches("[1-9]0% \\(clone of " + template + "\\)")),
                "the clone's progress is shown: " + steps);
        assertTrue(steps.contains("pv-a cloned on " + host + ": files [" + DATASTORE + "] pv-a"), steps.toString());
        assertEquals("pv-a runs on " + host, steps.get(steps.size() - 1));
        assertEquals(List.of(host), manager.snapshot().state().resource("pv-a").activeOn());
        assertEquals("cpus=2 memory.mb=64 disk.kb=8192 host=" + vcenterHosts.get(index(host)) + " files=["
                + DATASTORE + "] pv-a/pv-a.vmx", simulator.control("GET", "vminfo?name=pv-a"));
        assertTrue(view.domains(host).stream().anyMatch(d -> d.name().equals("pv-a") && d.state().isActive()));
        assertEquals("present", file("pv-a"));
        assertTrue(Files.readString(etc.resolve("org.basket.resource-pv-a.cfg")).contains("cpus = 2"));

        steps.clear();
        manager.delete("pv-a", false, steps::add);
        assertEquals(List.of("configuration org.basket.resource-pv-a.cfg removed", "domain pv-a undefined on " + host,
                "disk [" + DATASTORE + "] pv-a deleted"), steps);
        assertNothingLeftOf("pv-a");
    }

    @Test
    void deleteKeepDiskUnregistersTheVmAndKeepsItsFiles() throws Exception {
        manager.create(new VmRequest("pv-k", template, 0, 0, 0, "", "h1"), steps::add);
        assertTrue(simulator.control("GET", "vminfo?name=pv-k").contains("host=" + vcenterHosts.get(1)));
        manager.delete("pv-k", true, line -> { });
        assertEquals("none", simulator.control("GET", "vminfo?name=pv-k"));
        assertEquals("present", file("pv-k"));
        assertFalse(Files.exists(etc.resolve("org.basket.resource-pv-k.cfg")));
        assertFalse(Files.exists(etc.resolve("org.basket.constraint-pv-k-on-h1.cfg")));
    }

    @Test
    void networkConnectsTheCloneAndAnUnknownNetworkIsRefusedBeforeTheClone() throws Exception {
        manager.create(new VmRequest("pv-n", template, 0, 0, 0, "VM Network", "h0"), steps::add);
        assertTrue(steps.stream().anyMatch(s -> s.startsWith("cloning template " + template + " to pv-n on h0 (")
                && s.endsWith(", network VM Network) in " + DATASTORE)), steps.toString());
        assertEquals("nic=network:VM Network networks=VM Network", simulator.control("GET", "nic?name=pv-n"));

        ProvisioningException unknown = assertThrows(ProvisioningException.class,
                () -> manager.create(new VmRequest("pv-u", template, 0, 0, 0, "lan", "h0"), steps::add));
        assertTrue(unknown.getMessage().startsWith("vm-create pv-u failed cloning its template: "), unknown.getMessage());
        assertTrue(unknown.getMessage().endsWith("host h0 has no network 'lan' (it has: VM Network, DC0_DVPG0); "
                + "everything done before was undone"), unknown.getMessage());
        assertEquals("1", simulator.control("GET", "calls?method=CloneVM_Task"));
        assertNothingLeftOf("pv-u");
    }

    @Test
    void aFullDatastoreIsRefusedBeforeTheClone() throws Exception {
        ProvisioningException full = assertThrows(ProvisioningException.class,
                () -> manager.create(new VmRequest("pv-f", template, 0, 0, 1L << 50, "", "h0"), steps::add));
        assertTrue(full.getMessage().startsWith("vm-create pv-f failed cloning its template: "), full.getMessage());
        assertTrue(full.getMessage().matches(".*datastore 'LocalDS_0' of host h0 is full: \\d+ MiB free, the disk needs "
                + "1073741824 MiB; everything done before was undone"), full.getMessage());
        assertEquals("0", simulator.control("GET", "calls?method=CloneVM_Task"));
        assertNothingLeftOf("pv-f");
    }

    @Test
    void aRefusedCloneTaskLeavesNothing() throws Exception {
        simulator.control("POST", "fail?method=CloneVM_Task&count=1");
        ProvisioningException refused = assertThrows(ProvisioningException.class,
                () -> manager.create(new VmRequest("pv-c", template, 0, 0, 0, "", ""), steps::add));
        assertTrue(refused.getMessage().startsWith("vm-create pv-c failed cloning its template: "), refused.getMessage());
        assertTrue(refused.getMessage().endsWith("; everything done before was undone"), refused.getMessage());
        assertNothingLeftOf("pv-c");
    }

    /** The vSphere counterpart of a refused definition: vCenter refuses the clone's CPUs, memory or disk. */
    @Test
    void aRefusedReconfigurationDestroysTheClone() throws Exception {
        simulator.control("POST", "fail?method=ReconfigVM_Task&count=1");
        ProvisioningException refused = assertThrows(ProvisioningException.class,
                () -> manager.create(new VmRequest("pv-r", template, 2, 0, 0, "", ""), steps::add));
        assertTrue(refused.getMessage().contains(": reconfiguring the clone: "), refused.getMessage());
        assertTrue(refused.getMessage().contains("the clone pv-r was destroyed; everything done before was undone"),
                refused.getMessage());
        assertEquals("1", simulator.control("GET", "calls?method=Destroy_Task"));
        assertNothingLeftOf("pv-r");
    }

    @Test
    void aHostLostDuringTheCloneIsCleanedUpOnceBack() throws Exception {
        String on = "h" + vcenterHosts.indexOf(simulator.control("GET", "vminfo?name=" + template)
                .replaceFirst(".*host=(\\S+).*", "$1"));
        String vcenterHost = vcenterHosts.get(index(on));
        CompletableFuture<ProvisioningException> failed = CompletableFuture.supplyAsync(() -> assertThrows(
                ProvisioningException.class, () -> manager.create(new VmRequest("pv-l", template, 0, 0, 0, "", on),
                        steps::add)));
        awaitUntil(10_000, () -> steps.stream().anyMatch(s -> s.endsWith("% (clone of " + template + ")")));
        simulator.control("POST", "host?name=" + vcenterHost + "&connection=notResponding");

        ProvisioningException lost = failed.get();
        assertTrue(lost.getMessage().startsWith("vm-create pv-l failed cloning its template: "), lost.getMessage());
        assertTrue(lost.getMessage().contains("; NOT undone yet (retried): domain pv-l on " + on + ": "), lost.getMessage());
        assertFalse(simulator.control("GET", "vminfo?name=pv-l").equals("none"), "the failed clone is still registered");
        assertTrue(Files.list(journal).anyMatch(f -> f.getFileName().toString().equals("pv-l.op")));

        simulator.control("POST", "host?name=" + vcenterHost + "&connection=connected");
        awaitUntil(20_000, () -> isEmpty(journal));
        assertNothingLeftOf("pv-l");
    }

    /** The simulator registers the clone as its task begins: a manager that dies meanwhile leaves it to the next. */
    @Test
    void aCrashDuringTheCloneIsUndoneByTheNextManager() throws Exception {
        assertThrows(Crash.class, () -> manager.create(new VmRequest("pv-x", template, 0, 0, 0, "", ""), line -> {
            if (line.endsWith("% (clone of " + template + ")")) {
                throw new Crash();
            }
        }));
        assertFalse(simulator.control("GET", "vminfo?name=pv-x").equals("none"), "the crash left the clone");
        manager.provisionIn(etc, journal); // the next manager
        awaitUntil(20_000, () -> isEmpty(journal));
        assertNothingLeftOf("pv-x");
        assertTrue(manager.events(50).stream().anyMatch(e -> e.message().equals(
                "vm-create pv-x interrupted before its configuration was written: undone")));
    }

    /** The manager dying at a step: nothing after it runs, no undo. */
    private static final class Crash extends Error {
        private static final long serialVersionUID = 1L;
    }

    private void assertNothingLeftOf(String name) throws Exception {
        assertEquals("none", simulator.control("GET", "vminfo?name=" + name));
        assertEquals("absent", file(name));
        assertFalse(Files.exists(etc.resolve("org.basket.resource-" + name + ".cfg")));
        assertFalse(manager.snapshot().config().resources().containsKey(name));
        assertTrue(isEmpty(journal), "journal " + journal);
    }

    private String file(String folderName) throws Exception {
        return simulator.control("GET", "datastore-file?path="
                + URLEncoder.encode("[" + DATASTORE + "] " + folderName, StandardCharsets.UTF_8));
    }

    private static boolean isEmpty(Path dir) {
        try (var files = Files.list(dir)) {
            return files.findAny().isEmpty();
        } catch (java.nio.file.NoSuchFileException e) {
            return true;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int index(String host) {
        return Integer.parseInt(host.substring(1));
    }

    private void write(String file, String... lines) throws Exception {
        Files.writeString(etc.resolve(file), String.join("\n", lines) + "\n");
    }

    private static void awaitUntil(long millis, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("not within " + millis + " ms");
            }
            Thread.sleep(50);
        }
    }
}
