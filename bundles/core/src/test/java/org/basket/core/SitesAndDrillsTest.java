package org.basket.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import org.basket.api.cluster.DrillPlan;
import org.basket.api.cluster.DrillReport;
import org.basket.api.cluster.SiteOverview;
import org.basket.core.config.ConfigPids;
import org.basket.driver.sim.SimulatedDatacenter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two sites of two simulated hosts each and a group "shop" of 10 VMs, each with a guest service of its simulated
 * agent, on virtual time: the group stays on the site that holds its grant; a drill there and back with its measured
 * outage; the refusals; a lost site; a split.
 */
class SitesAndDrillsTest {
    private static final List<String> PARIS = List.of("paris1", "paris2");
    private static final List<String> LYON = List.of("lyon1", "lyon2");
    private final VirtualCluster cluster = new VirtualCluster();
    private final SimulatedDatacenter datacenter = cluster.datacenter;
    private final SiteManager sites = new SiteManager();
    private final List<String> members = new ArrayList<>();
    @TempDir
    Path data;

    private void start(int lyonCpus, String... extraSites) {
        cluster.file(ConfigPids.DRIVER, "sim", "type", "sim", "migration.ms", "50", "host.lyon1.cpus", "" + lyonCpus,
                "host.lyon2.cpus", "" + lyonCpus);
        PARIS.forEach(h -> cluster.file(ConfigPids.HOST, h, "driver", "sim", "attributes", "site=paris"));
        LYON.forEach(h -> cluster.file(ConfigPids.HOST, h, "driver", "sim", "attributes", "site=lyon"));
        for (int i = 0; i < 10; i++) {
            cluster.file(ConfigPids.RESOURCE, "shop-vm" + i, "cpus", "1");
            cluster.file(ConfigPids.RESOURCE, "shop-svc" + i, "kind", "guest-service", "container", "shop-vm" + i,
                    "check", "systemd", "param.unit", "shop" + i + ".service");
            members.add("shop-vm" + i);
            members.add("shop-svc" + i);
        }
        cluster.manager.bindGuestAgents(datacenter.guests(), Map.of());
        cluster.start(Map.of("settle.ms", "0", "observe.interval.ms", "50", "host.dead.timeout.ms", "300"));
        Map<String, Object> settings = new HashMap<>(Map.of("group.shop.members", String.join(", ", members),
                "group.shop.home", "paris", "grants.file", data.resolve("grants.properties").toString(),
                "cluster.target", "(component.name=org.basket.core.ClusterManager)")); // as Declarative Services adds it
        for (int i = 0; i < extraSites.length; i += 2) {
            settings.put(extraSites[i], extraSites[i + 1]);
        }
        sites.open(cluster.manager, settings);
        cluster.until(() -> runsOn(PARIS), Duration.ofSeconds(30));
    }

    @AfterEach
    void stop() {
        cluster.close();
        assertEquals(List.of(), datacenter.violations(), "no VM was ever active on two hosts");
    }

    @Test
    void theGroupRunsOnlyOnTheSiteThatHoldsItsGrantStartsInOrderAndKeepsItsLastGoodDefinition() {
        start(16);
        for (int i = 1; i < 10; i++) {
            long before = firstAfter(0, "start shop-svc" + (i - 1) + " ");
            long after = firstAfter(0, "start shop-vm" + i + " ");
            assertTrue(before > 0 && before < after, "shop-svc" + (i - 1) + " started before shop-vm" + i);
        }
        SiteOverview overview = sites.overview();
        assertEquals(List.of("lyon", "paris"), overview.sites().stream().map(SiteOverview.Site::name).toList());
        assertEquals("paris", overview.groups().get(0).grant());
        sites.modified(Map.of("group.shop.members", "shop-vm0", "group.shop.hom", "lyon"));
        assertEquals(members, sites.overview().groups().get(0).members(), "a refused file leaves the last good groups");
        cluster.holds(() -> runsOn(PARIS), Duration.ofSeconds(1), "the group stays where it runs");
    }

    @Test
    void aDrillStopsInOrderStartsInOrderOnTheOtherSiteMeasuresEachOutageAndGoesBack() throws Exception {
        start(16);
        DrillPlan plan = sites.planDrill("shop", "lyon");
        assertEquals("paris", plan.from());
        assertEquals(20, plan.expected().size());
        assertTrue(plan.expected().stream().allMatch(o -> LYON.contains(o.host())), plan.toString());
        long before = cluster.lastSequence();
        List<String> progress = new CopyOnWriteArrayList<>();
        DrillReport report = drill("lyon", progress);
        assertTrue(report.completed(), report.failure());
        assertTrue(runsOn(LYON), "every member on lyon");
        assertEquals(members, report.outages().stream().map(DrillPlan.Outage::resource).toList());
        for (int i = 1; i < report.outages().size(); i++) {
            assertTrue(report.outages().get(i).outage().compareTo(report.outages().get(i - 1).outage()) >= 0,
                    "outages grow in start order: " + report.outages());
        }
        assertTrue(report.outages().get(0).outage().compareTo(report.stopped()) > 0, "the first start after every stop");
        for (int i = 9; i > 0; i--) { // the stops in reverse order, each VM after its service
            long vm = firstAfter(before, "stop shop-vm" + i + " ");
            long svc = firstAfter(before, "stop shop-svc" + i + " ");
            long previousVm = firstAfter(before, "stop shop-vm" + (i - 1) + " ");
            assertTrue(svc > 0 && svc < vm && vm < previousVm, "stop order at " + i);
        }
        assertTrue(cluster.sequenceAfter(before, e -> e.action().startsWith("migrate ")) < 0, "no live migration");
        assertTrue(progress.stream().anyMatch(p -> p.contains("shop-svc9 running again on lyon")), progress.toString());
        assertEquals("lyon", sites.overview().groups().get(0).grant());

        DrillPlan back = sites.planDrill("shop", "paris");
        assertTrue(back.basis().contains("event log"), back.basis());
        DrillReport returned = drill("paris", progress);
        assertTrue(returned.completed(), returned.failure());
        assertTrue(runsOn(PARIS), "every member back on paris");
        assertTrue(sites.planDrill("shop", "lyon").basis().startsWith("the last drill"), "the measurement is reused");
    }

    @Test
    void aDrillIsRefusedWhenTheOtherSiteLacksCapacityAndNothingIsDone() {
        start(4);
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> sites.planDrill("shop", "lyon"));
        assertTrue(refused.getMessage().startsWith("refused: site lyon cannot run shop-vm"), refused.getMessage());
        assertThrows(IllegalStateException.class, () -> sites.drill("shop", "lyon", p -> { }));
        assertEquals("paris", sites.overview().groups().get(0).grant());
        cluster.holds(() -> runsOn(PARIS), Duration.ofSeconds(2), "the group keeps running on paris");
    }

    @Test
    void aDrillIsRefusedWhenAConstraintWouldBreak() {
        cluster.file(ConfigPids.RESOURCE, "ledger", "cpus", "1");
        cluster.file(ConfigPids.CONSTRAINT, "ledger-in-paris", "type", "location-rule", "resource", "ledger",
                "attribute", "site", "operation", "ne", "value", "paris", "score", "-INFINITY");
        cluster.file(ConfigPids.CONSTRAINT, "shop-with-ledger", "type", "colocation", "resource", "shop-vm0",
                "with", "ledger", "score", "INFINITY");
        start(16);
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> sites.planDrill("shop", "lyon"));
        assertTrue(refused.getMessage().contains("shop-vm0"), refused.getMessage());
        assertThrows(IllegalArgumentException.class, () -> sites.planDrill("shop", "rome"));
        assertThrows(IllegalArgumentException.class, () -> sites.planDrill("bookshop", "lyon"));
        assertThrows(IllegalStateException.class, () -> sites.planDrill("shop", "paris"), "already there");
    }

    @Test
    void aLostSitesGroupStartsOnTheOtherSiteOnlyOnceItsHostsAreFencedAndTheGrantMoved() {
        start(16);
        PARIS.forEach(h -> datacenter.failFence(h, true));
        PARIS.forEach(datacenter::crashHost);
        cluster.holds(() -> activeOn(LYON) == 0, Duration.ofSeconds(5), "nothing starts on lyon while paris holds the grant");
        List<String> moved = sites.declareSiteLost("paris", "lyon");
        assertEquals(1, moved.size(), moved.toString());
        cluster.holds(() -> activeOn(LYON) == 0, Duration.ofSeconds(5), "nothing starts on lyon before paris is fenced");
        PARIS.forEach(h -> datacenter.failFence(h, false));
        cluster.until(() -> runsOn(LYON), Duration.ofSeconds(60));
    }

    @Test
    void aSplitNeverRunsTheGroupTwiceAndTheGrantNotAGuessDecides() {
        start(16);
        PARIS.forEach(h -> datacenter.cutContact(h, true));
        cluster.until(() -> PARIS.stream().allMatch(h -> datacenter.hosts().stream()
                .anyMatch(s -> s.name().equals(h) && !s.poweredOn())), Duration.ofSeconds(30));
        cluster.holds(() -> activeOn(LYON) == 0, Duration.ofSeconds(10),
                "paris fenced but holding the grant: the group waits for the operator");
        members.forEach(m -> assertTrue(datacenter.maxActiveHosts(cluster.manager.snapshot().config().resources()
                .get(m).domain()) <= 1, m));
    }

    @Test
    void grantsThatCannotBeReadStopEveryGroupInsteadOfGuessing() throws Exception {
        start(16);
        Path folder = java.nio.file.Files.createDirectories(data.resolve("not-a-file"));
        sites.modified(Map.of("group.shop.members", String.join(", ", members), "group.shop.home", "paris",
                "grants.file", folder.toString()));
        cluster.until(() -> activeOn(PARIS) + activeOn(LYON) == 0, Duration.ofSeconds(30));
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> sites.planDrill("shop", "lyon"));
        assertTrue(refused.getMessage().startsWith("the site grants cannot be read"), refused.getMessage());
    }

    private DrillReport drill(String to, List<String> progress) {
        AtomicReference<Object> result = new AtomicReference<>();
        cluster.time.start("drill", () -> {
            try {
                result.set(sites.drill("shop", to, progress::add));
            } catch (Exception | AssertionError e) {
                result.set(e);
            }
        });
        cluster.until(() -> result.get() != null, Duration.ofMinutes(5));
        if (result.get() instanceof DrillReport report) {
            return report;
        }
        throw new AssertionError("the drill failed", (Throwable) result.get());
    }

    /** The first action done after {@code after} that begins with {@code action}. */
    private long firstAfter(long after, String action) {
        return cluster.sequenceAfter(after, e -> e.kind() == org.basket.api.cluster.EventKind.ACTION_DONE
                && e.action().startsWith(action));
    }

    private boolean runsOn(List<String> hosts) {
        return members.stream().allMatch(m -> cluster.status(m).activeOn().size() == 1
                && hosts.contains(cluster.status(m).activeOn().get(0)));
    }

    private long activeOn(List<String> hosts) {
        return members.stream().filter(m -> cluster.status(m).activeOn().stream().anyMatch(hosts::contains)).count();
    }
}
