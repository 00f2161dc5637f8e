package org.basket.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.IntStream;

import org.basket.api.cluster.ClusterEvent;
import org.basket.api.cluster.EventKind;
import org.basket.api.model.HostState;
import org.junit.Test;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.Bundle;

/**
 * The VMware driver in the distribution, against the vSphere API simulator ({@link VcenterTestbed}): the driver
 * bundle dropped into deploy/, a vCenter endpoint over TLS with a truststore, 3 ESXi hosts (each fenced through its
 * own BMC by fence_ipmilan) and 6 VMs of that driver beside the demo's simulated hosts and VMs. Adopted where they
 * run; a host put in standby drained by vMotion within the migration limit (one per host); a VM powered off behind
 * Basket's back restarted; a VM moved by "vCenter" followed; a host not responding fenced and its VMs restarted on
 * the others; a wrong password, an unreachable URL and an unknown VM named while the rest carries on; vSphere HA
 * enabled on the cluster reported in ha:status and not fought; the bundle removed again.
 */
public class VmwareIT extends BasketTestSupport {
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final List<String> VMS = IntStream.range(0, 6).mapToObj(i -> "vm" + i).toList();

    @Override
    @Configuration
    public Option[] config() {
        List<Option> options = new ArrayList<>(Arrays.asList(super.config()));
        VcenterTestbed.properties().forEach((key, value) ->
                options.add(editConfigurationFilePut("etc/system.properties", key, value)));
        options.add(editConfigurationFilePut("etc/system.properties", "basket.vmwareJar",
                System.getProperty("basket.vmwareJar")));
        options.add(editConfigurationFilePut("etc/org.basket.manager.cfg", "migration.limit.host", "1"));
        return options.toArray(new Option[0]);
    }

    @Test
    public void managesTheHostsAndVmsOfAVcenterEndpoint() throws Exception {
        VcenterControl vcenter = new VcenterControl();
        awaitDemoRunning();

        // 1. hot deploy, an endpoint over TLS, its hosts with their fence devices, its VMs: adopted where they run
        Path deployed = Paths.get(System.getProperty("karaf.base"), "deploy", "basket-driver-vmware.jar");
        Files.createDirectories(deployed.getParent());
        Files.copy(Paths.get(System.getProperty("basket.vmwareJar")), deployed, StandardCopyOption.REPLACE_EXISTING);
        await("the deployed VMware driver is active", () -> vmwareBundle() != null
                && vmwareBundle().getState() == Bundle.ACTIVE);
        endpoint("vc", System.getProperty("vsphere.password"), System.getProperty("vsphere.url"));
        for (int i = 0; i < VcenterTestbed.HOSTS.size(); i++) {
            String host = VcenterTestbed.HOSTS.get(i);
            writeConfig("org.basket.host-esx" + i + ".cfg", "driver = vc", "address = " + host);
            writeConfig("org.basket.fence-esx" + i + "-ipmi.cfg", "host = esx" + i, "level = 1", "agent = fence_ipmilan",
                    "ip = 127.0.0.1", "ipport = " + System.getProperty("vsphere.bmc." + host),
                    "username = " + VcenterTestbed.BMC_USER, "password = " + VcenterTestbed.BMC_PASSWORD,
                    "lanplus = 1", "cipher = 3");
        }
        // the simulator's hosts have 2 CPU threads for the 6 VMs of 1 vCPU: the VMs ask for memory only, so that
        // no move is forced by CPU capacity and each one seen is the test's doing
        for (int i = 0; i < VMS.size(); i++) {
            writeConfig("org.basket.resource-vm" + i + ".cfg", "kind = vm", "driver = vc", "domain = DC0_C0_RP0_VM" + i,
                    "cpus = 0", "memory.mb = 32", "migratable = true");
        }
        await("the 6 VMs run, each on one ESXi host", PATIENCE, () -> VMS.stream()
                .allMatch(vm -> runningOnOneHost(vm) && hostOf(vm).startsWith("esx")));
        sleep(2000);
        String status = execute("ha:status");
        assertTrue(status, status.contains("vc: connected (type vmware)"));
        assertTrue("nothing was started, stopped or moved to adopt them\n" + recentEvents(),
                actionsOn(Set.copyOf(VMS), 0).isEmpty());

        // 2. standby: vMotion, one migration from the host at a time (migration.limit.host = 1), with progress
        String drained = List.of("esx0", "esx1", "esx2").stream().max(Comparator.comparing((String h) -> vmsOn(h).size()).thenComparing(h -> h)).orElseThrow();
        List<String> leaving = vmsOn(drained);
        assertTrue("a host runs at least 2 of the VMs: " + leaving, leaving.size() >= 2);
        long beforeDrain = lastSequence();
        execute("ha:host-standby " + drained);
        Set<String> progressSeen = ConcurrentHashMap.newKeySet();
        await(drained + " runs none of the VMs", PATIENCE, () -> {
            cluster.progress().steps().stream().filter(s -> s.action().startsWith("migrate "))
                    .map(s -> s.detail()).filter(d -> !d.isEmpty()).forEach(progressSeen::add);
            return VMS.stream().noneMatch(vm -> status(vm).activeOn().contains(drained))
                    && VMS.stream().allMatch(this::runningOnOneHost);
        });
        List<ClusterEvent> migrations = events(beforeDrain, e -> e.kind() == EventKind.ACTION_DONE
                && e.action().startsWith("migrate "));
        assertEquals("each VM of " + drained + " was live-migrated once\n" + recentEvents(), Set.copyOf(leaving),
                Set.copyOf(migrations.stream().map(ClusterEvent::resource).toList()));
        assertTrue(migrations.stream().allMatch(e -> e.action().startsWith("migrate " + e.resource() + " from " + drained)));
        assertTrue("nothing was restarted to drain it\n" + recentEvents(), actionsOn(Set.copyOf(leaving), beforeDrain)
                .stream().allMatch(e -> e.action().startsWith("migrate ")));
        // counted where the vMotions run: an event's wall-clock time minus its monotonic duration is no measure of
        // when a migration began (a step of the wall clock shifts it), and two such spans once seemed to overlap
        String relocations = vcenter.get("relocations?from=DC0_C0_H" + drained.charAt(drained.length() - 1)).trim();
        assertEquals("the vMotions from " + drained + " that vCenter ran (how many, most at once): one at a time\n"
                + migrations, leaving.size() + " 1", relocations);
        assertFalse("ha:progress showed the vMotion's progress", progressSeen.isEmpty());
        execute("ha:host-online " + drained);
        await(drained + " is online", () -> cluster.snapshot().state().hostState(drained) == HostState.ONLINE);

        // 3. a VM powered off behind Basket's back is restarted
        long beforeCrash = lastSequence();
        vcenter.post("vm?name=DC0_C0_RP0_VM0&power=poweredOff");
        await("vm0 is restarted", PATIENCE, () -> !events(beforeCrash, e -> e.kind() == EventKind.ACTION_DONE
                && e.action().startsWith("start vm0 on ")).isEmpty() && runningOnOneHost("vm0"));

        // 4. a VM moved by "vCenter" is followed, not moved back
        String from = hostOf("vm1");
        String to = VMS.stream().map(this::hostOf).filter(h -> !h.equals(from)).findFirst().orElseThrow();
        long beforeMove = lastSequence();
        vcenter.post("vm?name=DC0_C0_RP0_VM1&host=DC0_C0_H" + to.charAt(to.length() - 1));
        await("vm1 is seen on " + to, () -> List.of(to).equals(status("vm1").activeOn()));
        sleep(3000);
        assertEquals(List.of(to), status("vm1").activeOn());
        assertTrue("Basket did not act on vm1\n" + recentEvents(), actionsOn(Set.of("vm1"), beforeMove).isEmpty());

        // 5. a host not responding: suspect, fenced through its BMC, its VMs restarted on the others
        String lost = VMS.stream().map(this::hostOf)
                .max(Comparator.comparing((String h) -> vmsOn(h).size()).thenComparing(h -> h)).orElseThrow();
        List<String> stranded = vmsOn(lost);
        String lostInVcenter = "DC0_C0_H" + lost.charAt(lost.length() - 1);
        long beforeLoss = lastSequence();
        vcenter.post("host?name=" + lostInVcenter + "&connection=notResponding");
        await(lost + " is fenced and its VMs run elsewhere", PATIENCE, () -> stranded.stream()
                .allMatch(vm -> runningOnOneHost(vm) && !hostOf(vm).equals(lost)));
        List<ClusterEvent> fenced = events(beforeLoss, e -> e.kind() == EventKind.HOST_FENCED && e.host().equals(lost));
        assertEquals(recentEvents(), 1, fenced.size());
        assertTrue(fenced.get(0).message(), fenced.get(0).message().contains("fence_ipmilan"));
        assertEquals("the BMC cut the host's power", "off", vcenter.get("bmc?host=" + lostInVcenter));
        long fencedAt = fenced.get(0).sequence();
        assertTrue("every restart after the fence\n" + recentEvents(), actionsOn(Set.copyOf(stranded), beforeLoss)
                .stream().filter(e -> e.action().startsWith("start ")).allMatch(e -> e.sequence() > fencedAt));
        assertEquals(HostState.OFFLINE, cluster.snapshot().state().hostState(lost));

        // 6. bad input is named, the rest carries on
        endpoint("vcbad", "wrong-password", System.getProperty("vsphere.url"));
        endpoint("vcdown", System.getProperty("vsphere.password"), "https://127.0.0.1:" + freePort() + "/sdk");
        writeConfig("org.basket.resource-ghost.cfg", "kind = vm", "driver = vc", "domain = no-such-vm", "cpus = 0",
                "memory.mb = 32");
        await("the wrong password is named", () -> cluster.snapshot().drivers().getOrDefault("vcbad", "")
                .contains("driver 'vcbad' could not be opened: driver 'vcbad': " + System.getProperty("vsphere.url")
                        + ": login refused for user '" + System.getProperty("vsphere.user") + "' (wrong user name or password)"));
        await("the unreachable URL is named", () -> cluster.snapshot().drivers().getOrDefault("vcdown", "")
                .matches("error: driver 'vcdown' could not be opened: driver 'vcdown': https://127.0.0.1:\\d+/sdk: cannot connect: .+"));
        await("the unknown VM is named", PATIENCE, () -> cluster.events(500).stream().anyMatch(e ->
                e.kind() == EventKind.ACTION_FAILED && e.resource().equals("ghost")
                        && e.message().contains("driver 'vc' (" + System.getProperty("vsphere.url") + "): no VM 'no-such-vm'")));
        String withProblems = execute("ha:status");
        assertTrue(withProblems, withProblems.contains("vcbad: error: driver 'vcbad' could not be opened"));
        Files.delete(etc("org.basket.resource-ghost.cfg"));
        Files.delete(etc("org.basket.driver-vcbad.cfg"));
        Files.delete(etc("org.basket.driver-vcdown.cfg"));
        assertTrue("the VMs still run\n" + recentEvents(), VMS.stream().allMatch(this::runningOnOneHost));

        // 7. vSphere HA enabled on the cluster: shown in ha:status, and Basket does not fight it for a VM
        vcenter.post("cluster?name=DC0_C0&ha=true&drs=manual");
        String survivor = hostOf("vm2");
        await("ha:status shows the conflict on the hosts", () -> execute("ha:status").contains("  " + survivor
                + ": managed-elsewhere: vSphere HA is enabled on cluster DC0_C0 and restarts them itself: Basket does not"
                + " start, stop or move them (coexistence = refuse)"));
        assertTrue(recentEvents(), cluster.events(200).stream().anyMatch(e -> e.kind() == EventKind.HOST_CONDITION
                && e.host().equals(survivor)));
        long beforeConflict = lastSequence();
        vcenter.post("vm?name=DC0_C0_RP0_VM2&power=poweredOff");
        await("Basket's start of vm2 is refused, naming vSphere HA", PATIENCE, () -> !events(beforeConflict, e ->
                e.kind() == EventKind.ACTION_FAILED && e.resource().equals("vm2")
                        && e.message().contains("vSphere HA is enabled on cluster DC0_C0")).isEmpty());
        assertTrue(status("vm2").activeOn().isEmpty());
        vcenter.post("cluster?name=DC0_C0&ha=false&drs=manual");
        await("once vSphere HA is off, Basket starts vm2", PATIENCE, () -> runningOnOneHost("vm2"));

        // 8. the bundle removed: its hosts unmanaged, their VMs left as they are
        long beforeRemoval = lastSequence();
        Files.delete(deployed);
        await("the VMware driver is gone", () -> vmwareBundle() == null);
        await("the ESXi hosts are unmanaged", () -> List.of("esx0", "esx1", "esx2").stream()
                .filter(h -> !h.equals(lost)).allMatch(h -> cluster.snapshot().state().hostState(h) == HostState.UNMANAGED));
        sleep(2000);
        assertTrue("nothing stopped\n" + recentEvents(), actionsOn(Set.copyOf(VMS), beforeRemoval).isEmpty());
        assertTrue("the demo VMs stayed on the simulator's hosts", DEMO_VMS.stream()
                .allMatch(vm -> runningOnOneHost(vm) && hostOf(vm).startsWith("node")));
    }

    private void endpoint(String name, String password, String url) throws IOException {
        writeConfig("org.basket.driver-" + name + ".cfg", "type = vmware", "url = " + url,
                "username = " + System.getProperty("vsphere.user"), "password = " + password,
                "truststore = " + System.getProperty("vsphere.truststore"),
                "truststore.password = " + System.getProperty("vsphere.truststore.password"));
    }

    private List<String> vmsOn(String host) {
        return VMS.stream().filter(vm -> status(vm).activeOn().contains(host)).toList();
    }

    private long lastSequence() {
        return cluster.events(1).get(0).sequence();
    }

    private List<ClusterEvent> events(long after, Predicate<ClusterEvent> what) {
        return cluster.events(2000).stream().filter(e -> e.sequence() > after).filter(what)
                .sorted(Comparator.comparing(ClusterEvent::sequence)).toList();
    }

    /** The actions started, stopped or moved on these resources after {@code after} (done or not). */
    private List<ClusterEvent> actionsOn(Set<String> resources, long after) {
        return events(after, e -> resources.contains(e.resource()) && !e.action().isEmpty()
                && (e.kind() == EventKind.ACTION_DONE || e.kind() == EventKind.ACTION_FAILED
                || e.kind() == EventKind.ACTION_TIMED_OUT));
    }

    private Bundle vmwareBundle() {
        return Arrays.stream(bundleContext.getBundles()).filter(b -> "basket-driver-vmware".equals(b.getSymbolicName()))
                .findFirst().orElse(null);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
