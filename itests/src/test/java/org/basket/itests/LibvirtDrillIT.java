package org.basket.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.basket.api.cluster.Sites;
import org.junit.Test;

/**
 * A drill on the two real libvirt+QEMU hosts of scripts/libvirt-test-hosts as two one-host sites (lva: east, lvb:
 * west): the group "counting" (the guest that counts on its serial port) is stopped on east and booted afresh on
 * west by ha:drill, then brought back with --back; the measured outage is printed. Also a dry run and refusals, and
 * the operator's ha:grant-move (to west) and ha:site-lost (west lost: back to east).
 */
public class LibvirtDrillIT extends LibvirtTestSupport {
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final Map<String, String> SITES = Map.of("lva", "east", "lvb", "west");
    private static final Pattern OUTAGE = Pattern.compile("counter\\W+(lva|lvb)\\W+(\\d+\\.\\d) s");

    @Test
    public void drillsARealGuestToTheOtherSiteAndBackThenMovesItsGrantAndDeclaresASiteLost() throws Exception {
        LibvirtHosts hosts = libvirtHosts();
        configure(hosts);
        await("counter runs on lva (east)", PATIENCE, () -> List.of("lva").equals(status("counter").activeOn()));
        int east = LibvirtHosts.counts(hosts.serialLog("lva")).size();
        await("the guest counts on lva", PATIENCE, () -> LibvirtHosts.counts(hosts.serialLog("lva")).size() >= east + 2);

        String dryRun = execute("ha:drill counting --to west --dry-run");
        assertTrue(dryRun, dryRun.contains("Drill of counting from site east to west:") && dryRun.contains("start counter on lvb"));
        assertEquals(List.of("lva"), status("counter").activeOn());
        refused("ha:drill counting --to east", "refused: counting runs on site east already");
        refused("ha:drill counting --to south", "no site 'south'");

        int westBefore = LibvirtHosts.counts(hosts.serialLog("lvb")).size();
        String there = execute("ha:drill counting --to west");
        assertTrue(there, there.contains("Drill completed: counting runs on west"));
        long thereMs = outageMs(there, "lvb");
        String sites = execute("ha:sites");
        assertTrue(sites, sites.lines().anyMatch(l -> l.matches("east\\W+lva\\s*"))
                && sites.lines().anyMatch(l -> l.matches("counting\\W+east\\W+west\\W+counter=lvb\\s*")));
        await("the guest counts afresh on lvb", PATIENCE,
                () -> LibvirtHosts.counts(hosts.serialLog("lvb")).size() >= westBefore + 3);
        assertEquals("a fresh boot on west", List.of(1L, 2L, 3L),
                LibvirtHosts.counts(hosts.serialLog("lvb")).subList(westBefore, westBefore + 3));
        String eastLog = hosts.serialLog("lva");
        sleep(1000);
        assertEquals("nothing counts on lva after the drill", eastLog, hosts.serialLog("lva"));

        int eastBefore = LibvirtHosts.counts(hosts.serialLog("lva")).size();
        String back = execute("ha:drill counting --back");
        assertTrue(back, back.contains("Drill completed: counting runs on east"));
        long backMs = outageMs(back, "lva");
        await("the guest counts afresh on lva", PATIENCE,
                () -> LibvirtHosts.counts(hosts.serialLog("lva")).size() >= eastBefore + 3);
        assertEquals(List.of("lva"), status("counter").activeOn());

        String move = execute("ha:grant-move counting --to west");
        assertTrue(move, move.contains("grant of counting moved to site west"));
        await("counter runs on lvb after the grant moved", PATIENCE, () -> List.of("lvb").equals(status("counter").activeOn()));
        refused("ha:site-lost west --to east", "not confirmed");
        String lost = execute("ha:site-lost west --to east --yes");
        assertTrue(lost, lost.startsWith("counting: grant moved from site west to east"));
        // lvb still answers, so the guest is taken off it by the grant's rules and runs on east again
        await("counter runs on lva after west was declared lost", PATIENCE,
                () -> List.of("lva").equals(status("counter").activeOn()));
        assertEquals("east", sites().overview().groups().get(0).grant());
        System.out.println("LibvirtDrillIT: outage of counter, east -> west " + thereMs + " ms, west -> east "
                + backMs + " ms (first stop -> running again, observed)");
        System.out.println(there);
    }

    private long outageMs(String report, String host) {
        String measured = report.substring(report.indexOf("Measured outage"));
        Matcher m = OUTAGE.matcher(measured);
        if (!m.find() || !m.group(1).equals(host)) {
            fail("no outage of counter on " + host + " in:\n" + report);
        }
        return Math.round(Double.parseDouble(m.group(2)) * 1000);
    }

    private void refused(String command, String reason) {
        try {
            execute(command);
            fail(command + " was not refused");
        } catch (CommandFailed e) {
            assertTrue(e.getMessage(), e.getMessage().contains(reason));
        }
    }

    private void configure(LibvirtHosts hosts) throws Exception {
        writeConfig("org.basket.driver-kvm.cfg", "type = libvirt", "reconnect.interval.ms = 500");
        for (String host : LibvirtHosts.NAMES) {
            defineGuestAndFence(hosts, host);
            writeConfig("org.basket.host-" + host + ".cfg", "driver = kvm", "address = " + hosts.uri(host),
                    "attributes = site=" + SITES.get(host));
        }
        awaitHostsOnline(PATIENCE);
        // the demo's simulated hosts have no site: the group's rules keep the guest off them
        writeConfig("org.basket.sites.cfg", "group.counting.members = counter", "group.counting.home = east");
        await("the group is configured", () -> bundleContext.getServiceReference(Sites.class) != null
                && sites().overview().groups().size() == 1);
        writeConfig("org.basket.resource-counter.cfg", "kind = vm", "cpus = 1", "memory.mb = 32", "migratable = true",
                // the guest ignores ACPI: its graceful shutdown waits half of this, then it is destroyed; the other half
                // is the destroy's, on a loaded machine too, since a stop that outlasts it fences the host (stop.failure)
                "stop.timeout.ms = 16000");
    }

    private Sites sites() {
        return bundleContext.getService(bundleContext.getServiceReference(Sites.class));
    }
}
