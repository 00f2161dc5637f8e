package org.basket.core;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.basket.api.cluster.ProvisioningException;
import org.basket.api.cluster.VmRequest;
import org.basket.api.model.HostState;
import org.basket.core.config.ConfigFolder;
import org.basket.driver.libvirt.internal.LibvirtDriverFactory;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * ha:vm-create and ha:vm-delete on the two real libvirt+QEMU hosts of scripts/libvirt-test-hosts (lva, lvb), the
 * manager outside OSGi: a directory pool {@code basket-pool} on both hosts (one folder: shared storage), a template
 * that boots the counter guest with a disk. A VM is made in one step, counts on its serial port, and is deleted with
 * its disk; a full pool, a refused definition and a host lost after the disk was allocated each leave nothing (the
 * last once the host is back: the disk of a lost host is deleted when it answers again).
 */
public class ProvisioningOnQemuIT {
    private static final List<String> HOSTS = List.of("lva", "lvb");
    private static final long PATIENCE_MS = 60_000;

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();
    private final Path dir = Paths.get(System.getProperty("basket.libvirtHosts"));
    private final Path pool = dir.resolve("basket-pool");
    private final ClusterManager manager = new ClusterManager();
    private final List<String> steps = new ArrayList<>();
    private Path etc;
    private Path journal;
    private ConfigFolder folder;

    @Before
    public void start() throws Exception {
        Files.createDirectories(pool);
        for (String host : HOSTS) {
            String uri = uri(host);
            if (!run("virsh", "-q", "-c", uri, "pool-list", "--all", "--name").contains("basket-pool")) {
                run("virsh", "-q", "-c", uri, "pool-define-as", "basket-pool", "dir", "--target", pool.toString());
            }
            if (!run("virsh", "-q", "-c", uri, "pool-list", "--name").contains("basket-pool")) {
                run("virsh", "-q", "-c", uri, "pool-start", "basket-pool");
            }
        }
        etc = temp.newFolder("etc").toPath();
        journal = temp.newFolder("data").toPath().resolve("provisioning");
        write("org.basket.driver-kvm.cfg", "type = libvirt", "reconnect.interval.ms = 500");
        for (String host : HOSTS) {
            write("org.basket.host-" + host + ".cfg", "driver = kvm", "address = " + uri(host));
        }
        Files.createDirectories(etc.resolve("templates"));
        String counter = "<domain type='qemu'><name>${name}</name><memory unit='MiB'>${memory.mb}</memory>"
                + "<vcpu>${cpus}</vcpu><os><type arch='x86_64' machine='pc'>hvm</type><kernel>" + dir.resolve("counter.elf")
                + "</kernel></os><cpu mode='custom' match='exact'><model fallback='allow'>qemu64</model></cpu>"
                + "<on_crash>destroy</on_crash><devices><emulator>/usr/bin/qemu-system-x86_64</emulator>"
                + "<disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='${disk.path}'/>"
                + "<target dev='vda' bus='virtio'/></disk><serial type='file'>"
                + "<source path='/var/log/libvirt/${name}-serial.log' append='on'/><target port='0'/></serial>"
                + "<memballoon model='none'/></devices></domain>";
        write("templates/counter.xml", counter);
        write("templates/counter.cfg", "driver = kvm", "pool = basket-pool", "memory.mb = 32", "disk.size = 16M");
        write("templates/refused.xml", counter.replace("bus='virtio'", "bus='nonsense'"));
        write("templates/refused.cfg", "pool = basket-pool", "memory.mb = 32", "disk.size = 16M");
        folder = new ConfigFolder(etc, manager.store(), manager::configChanged);
        folder.open();
        manager.bindDriverFactory(new LibvirtDriverFactory());
        manager.start(Map.of("settle.ms", "0", "observe.interval.ms", "500", "start.timeout.ms", "20000",
                "stop.timeout.ms", "16000")); // the guest ignores a shutdown: 8 s of grace, 8 s to destroy it
        manager.provisionIn(etc, journal);
        for (String host : HOSTS) {
            awaitUntil(PATIENCE_MS, () -> manager.snapshot().state().hostState(host) == HostState.ONLINE);
        }
    }

    @After
    public void stop() {
        manager.stop();
        folder.close();
    }

    @Test
    public void createsARealVmThatCountsThenDeletesItWithItsDisk() throws Exception {
        long began = System.nanoTime();
        String host = manager.create(new VmRequest("pvq", "counter", 0, 0, 0, "", ""), steps::add);
        long createdMs = (System.nanoTime() - began) / 1_000_000;
        assertTrue(steps.toString(), steps.contains("disk " + pool.resolve("pvq.img") + " allocated"));
        assertTrue(Files.exists(pool.resolve("pvq.img")));
        assertEquals(16L << 20, Files.size(pool.resolve("pvq.img")));
        assertEquals(List.of(host), manager.snapshot().state().resource("pvq").activeOn());
        Path serial = dir.resolve(host).resolve("var/log/libvirt/pvq-serial.log");
        awaitUntil(PATIENCE_MS, () -> lines(serial) >= 3);

        began = System.nanoTime();
        manager.delete("pvq", false, steps::add);
        long deletedMs = (System.nanoTime() - began) / 1_000_000;
        assertNothingLeftOf("pvq");
        System.out.println("provisioning on QEMU: vm-create " + createdMs + " ms (until it runs), vm-delete "
                + deletedMs + " ms");
    }

    @Test
    public void aFullPoolIsAClearErrorAndLeavesNothing() throws Exception {
        ProvisioningException full = assertThrows(ProvisioningException.class,
                () -> manager.create(new VmRequest("pvf", "counter", 0, 0, 1L << 50, "", ""), steps::add));
        assertTrue(full.getMessage(), full.getMessage().matches("vm-create pvf failed allocating its disk: pool "
                + "'basket-pool' on host lv[ab] is full: \\d+ MiB free, the disk needs 1073741824 MiB; everything done "
                + "before was undone"));
        assertNothingLeftOf("pvf");
    }

    @Test
    public void aRefusedDefinitionRemovesTheDisk() throws Exception {
        ProvisioningException refused = assertThrows(ProvisioningException.class,
                () -> manager.create(new VmRequest("pvr", "refused", 0, 0, 0, "", ""), steps::add));
        assertTrue(refused.getMessage(), refused.getMessage().startsWith("vm-create pvr failed defining its domain: "));
        assertTrue(refused.getMessage(), refused.getMessage().contains("nonsense"));
        assertTrue(steps.toString(), steps.contains("disk " + pool.resolve("pvr.img") + " deleted"));
        assertNothingLeftOf("pvr");
    }

    @Test
    public void aHostLostAfterTheDiskIsAllocatedLeavesNothingOnceItIsBack() throws Exception {
        String[] chosen = {""};
        ProvisioningException lost = assertThrows(ProvisioningException.class,
                () -> manager.create(new VmRequest("pvl", "counter", 0, 0, 0, "", ""), line -> {
                    steps.add(line);
                    if (line.startsWith("host ")) {
                        chosen[0] = line.split(" ")[1];
                    }
                    if (line.equals("disk " + pool.resolve("pvl.img") + " allocated")) {
                        kill(chosen[0]);
                    }
                }));
        String host = chosen[0];
        assertTrue(lost.getMessage(), lost.getMessage().startsWith("vm-create pvl failed defining its domain: host "
                + host));
        assertTrue(lost.getMessage(), lost.getMessage().contains("NOT undone yet (retried): domain pvl on " + host));
        assertTrue("the disk stays while its host is lost", Files.exists(pool.resolve("pvl.img")));
        assertTrue(Files.exists(journal.resolve("pvl.op")));

        run("fence_basket_netns", "-o", "on", "-n", "basket-" + host);
        awaitUntil(PATIENCE_MS, () -> !Files.exists(journal.resolve("pvl.op")));
        assertTrue(manager.events(200).stream().anyMatch(e -> e.message().equals(
                "vm-create pvl interrupted before its configuration was written: undone")));
        assertNothingLeftOf("pvl");
    }

    private void assertNothingLeftOf(String name) throws Exception {
        for (String host : HOSTS) {
            List<String> domains = Arrays.asList(run("virsh", "-q", "-c", uri(host), "list", "--all", "--name")
                    .split("\\s+"));
            assertFalse(name + " on " + host + ": " + domains, domains.contains(name));
        }
        assertFalse("disk", Files.exists(pool.resolve(name + ".img")));
        assertFalse("configuration", Files.exists(etc.resolve("org.basket.resource-" + name + ".cfg")));
        assertFalse("journal", Files.exists(journal.resolve(name + ".op")));
    }

    private void kill(String host) {
        try {
            String pids = run("ip", "netns", "pids", "basket-" + host).trim();
            if (!pids.isEmpty()) {
                List<String> command = new ArrayList<>(List.of("kill", "-9"));
                command.addAll(List.of(pids.split("\\s+")));
                run(command.toArray(String[]::new));
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String uri(String host) throws IOException {
        return Files.readString(dir.resolve(host).resolve("uri")).trim();
    }

    private static long lines(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.US_ASCII).lines().count() : 0;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void write(String file, String... lines) throws IOException {
        Files.writeString(etc.resolve(file), String.join("\n", lines) + "\n");
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }

    private static void awaitUntil(long millis, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (!condition.getAsBoolean()) {
            assertTrue("not within " + millis + " ms", System.nanoTime() < deadline);
            Thread.sleep(50);
        }
    }
}
