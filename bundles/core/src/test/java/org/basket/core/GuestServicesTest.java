package org.basket.core;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.basket.api.model.ResourceStatus;
import org.basket.core.config.ConfigPids;
import org.basket.driver.sim.SimulatedDatacenter;
import org.basket.driver.sim.SimulatedGuests;
import org.basket.driver.sim.internal.SimDriverFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Guest services end to end on the simulated hypervisor and its SIMULATED in-guest agents: a VM
 * with two services, the second ordered after the first.
 */
class GuestServicesTest {
    private final SimulatedDatacenter datacenter = new SimulatedDatacenter();
    private final SimulatedGuests guests = datacenter.guests();
    private final ClusterManager manager = new ClusterManager();

    @BeforeEach
    void start() {
        file(ConfigPids.DRIVER, "sim", "type", "sim", "migration.ms", "50");
        for (String host : List.of("node1", "node2", "node3")) {
            file(ConfigPids.HOST, host, "driver", "sim");
        }
        file(ConfigPids.RESOURCE, "app", "cpus", "2");
        file(ConfigPids.RESOURCE, "app-db", "kind", "guest-service", "container", "app", "check", "systemd",
                "param.unit", "postgresql.service");
        file(ConfigPids.RESOURCE, "app-web", "kind", "guest-service", "container", "app", "check", "http",
                "param.url", "http://localhost/");
        file(ConfigPids.CONSTRAINT, "db-then-web", "type", "order", "first", "app-db", "then", "app-web");
        manager.bindDriverFactory(new SimDriverFactory(datacenter));
        manager.bindGuestAgents(guests, Map.of());
        manager.start(Map.of("settle.ms", "0", "observe.interval.ms", "50", "host.dead.timeout.ms", "300"));
        await().atMost(Duration.ofSeconds(10)).until(() -> allRunning() && guests.starts("app-web") == 1);
    }

    @AfterEach
    void stop() {
        manager.stop();
        assertEquals(List.of(), datacenter.violations(), "no VM was ever active on two hosts");
    }

    @Test
    void servicesStartInOrderInsideTheirVmAndAreSeenWhereItRuns() {
        String host = hostOf("app");
        assertEquals(List.of(host), status("app-db").activeOn());
        assertEquals(List.of(host), status("app-web").activeOn());
        assertTrue(sequenceOf("start app on " + host + ": done") < sequenceOf("start app-db on " + host + ": done"));
        assertTrue(sequenceOf("start app-db on " + host + ": done") < sequenceOf("start app-web on " + host + ": done"));
    }

    @Test
    void aLiveMigrationOfTheVmNeverRestartsItsServices() {
        String host = hostOf("app");
        manager.setStandby(host, true);
        await().atMost(Duration.ofSeconds(10)).until(() -> !hostOf("app").equals(host) && allRunning()
                && status("app-web").activeOn().equals(List.of(hostOf("app"))));
        assertTrue(sequenceOf("migrate app from " + host) > 0);
        assertEquals(1, guests.starts("app-db"), "app-db kept running through the migration");
        assertEquals(1, guests.starts("app-web"), "app-web kept running through the migration");
        assertEquals(0, status("app-web").failCount(host) + status("app-db").failCount(host));
    }

    @Test
    void aCrashedVmIsRestartedThenItsServicesInOrder() {
        long before = lastSequence();
        datacenter.crashDomain("app");
        await().atMost(Duration.ofSeconds(10)).until(() -> guests.starts("app-web") == 2 && allRunning());
        String host = hostOf("app");
        long vm = sequenceAfter(before, "start app on " + host + ": done");
        long db = sequenceAfter(before, "start app-db on " + host + ": done");
        long web = sequenceAfter(before, "start app-web on " + host + ": done");
        assertTrue(vm > 0 && vm < db && db < web, "vm " + vm + ", then db " + db + ", then web " + web);
        assertEquals(1, status("app").failCount(host), "the VM failed");
        assertEquals(0, status("app-db").failCount(host), "its services went down with it, they did not fail");
    }

    @Test
    void aCrashedServiceIsRestartedInPlaceAndCounted() {
        String host = hostOf("app");
        guests.crashService("app", "app-web");
        await().atMost(Duration.ofSeconds(5)).until(() -> guests.starts("app-web") == 2
                && status("app-web").isActive());
        assertEquals(1, status("app-web").failCount(host));
        assertEquals(host, hostOf("app"), "the VM stays");
        assertEquals(1, guests.starts("app-db"), "the other service is untouched");
        long failed = sequenceOf("agent of app: app-web NOT_RUNNING: simulated: not running");
        assertTrue(failed > 0 && failed < sequenceAfter(failed, "agent of app: app-web OK: simulated: running"), recent());
    }

    @Test
    void aServiceThatKeepsFailingRestartsItsVmThenMovesIt() {
        file(ConfigPids.RESOURCE, "app-web", "kind", "guest-service", "container", "app", "check", "http",
                "param.url", "http://localhost/", "migration.threshold", "2");
        manager.configChanged();
        String host = hostOf("app");
        crashAndAwaitRestart(2);
        crashAndAwaitRestart(3);
        await().atMost(Duration.ofSeconds(10)).until(() -> datacenter.boots("app") == 2 && allRunning());
        assertTrue(sequenceOf("service app-web failed 2 times on " + host + ": restarting its VM app") > 0);
        assertEquals(List.of(host), datacenter.activeHosts("app"), "restarted where it ran: " + recent());
        assertEquals(2, guests.starts("app-db"), "its other service restarted with it");

        crashAndAwaitRestart(4);
        crashAndAwaitRestart(5);
        await().atMost(Duration.ofSeconds(10)).until(() -> !hostOf("app").equals(host) && allRunning());
        assertTrue(sequenceOf("service app-web failed 2 times on " + host
                + " again after its VM was restarted: moving app to another host") > 0);
        assertTrue(sequenceOf("migrate app from " + host) > 0, "moved live: " + recent());
        assertEquals(2, datacenter.boots("app"), "a live migration is no boot");
    }

    private void crashAndAwaitRestart(int starts) {
        await().atMost(Duration.ofSeconds(10)).until(() -> guests.starts("app-web") == starts - 1
                && status("app-web").isActive());
        guests.crashService("app", "app-web");
        await().atMost(Duration.ofSeconds(10)).until(() -> guests.starts("app-web") == starts
                && status("app-web").isActive());
    }

    private String recent() {
        return manager.events(30).toString();
    }

    @Test
    void aSilentAgentLeavesItsServicesWhereTheyWere() {
        String host = hostOf("app");
        guests.silence("app", true);
        manager.configChanged();
        sleep(300);
        assertEquals(List.of(host), status("app-web").activeOn(), "nothing is known, nothing changes");
        assertEquals(1, guests.starts("app-web"));
        guests.silence("app", false);
    }

    @Test
    void aSilentAgentRaisesAnAlertByDefaultAndTouchesNothing() {
        manager.modified(managerSettings("agent.silence.grace.ms", "200", "agent.boot.grace.ms", "200"));
        long boots = datacenter.boots("app");
        guests.silence("app", true);
        await().atMost(Duration.ofSeconds(10)).until(() -> sequenceOf("ALERT: agent app ") > 0);
        assertEquals(boots, datacenter.boots("app"), "alert only: " + recent());
        assertEquals(1, guests.starts("app-web"));
        guests.silence("app", false);
    }

    @Test
    void aSilentAgentsVmIsResetWithinTheResetBudgetThenOnlyAlerted() {
        manager.modified(managerSettings("agent.silence.action", "reset", "agent.silence.grace.ms", "200",
                "agent.boot.grace.ms", "400", "agent.silence.max.resets", "1"));
        long boots = datacenter.boots("app");
        guests.silence("app", true);
        await().atMost(Duration.ofSeconds(10)).until(() -> datacenter.boots("app") == boots + 1 && status("app").isActive());
        assertTrue(sequenceOf("agent app sent no heartbeat within the boot grace of 0.4 s: reset its VM (app on ") > 0, recent());
        await().atMost(Duration.ofSeconds(10)).until(() -> sequenceOf("ALERT: agent app sent no heartbeat within the "
                + "boot grace of 0.4 s; not resetting its VM: 1 reset(s) in the last 3600.0 s") > 0);
        assertEquals(boots + 1, datacenter.boots("app"), "one reset, then alerts: " + recent());
        assertEquals(0, status("app-db").failCount(hostOf("app")), "waiting for a silent agent is no failure: " + recent());
        guests.silence("app", false);
        await().atMost(Duration.ofSeconds(10)).until(() -> allRunning());
    }

    @Test
    void aBadSilenceSettingIsRejectedAndTheLastGoodStays() {
        manager.modified(managerSettings("agent.silence.action", "reboot"));
        await().atMost(Duration.ofSeconds(5)).until(() -> manager.snapshot().problems().stream().anyMatch(p ->
                p.key().equals("agent.silence.action") && p.reason().contains("must be alert or reset, not 'reboot'")));
        long boots = datacenter.boots("app");
        guests.silence("app", true);
        sleep(500);
        assertEquals(boots, datacenter.boots("app"), "the default boot grace of 5 min still applies");
        guests.silence("app", false);
    }

    private static Map<String, Object> managerSettings(String... keyValues) {
        Map<String, Object> settings = new HashMap<>(Map.of("settle.ms", "0", "observe.interval.ms", "50",
                "host.dead.timeout.ms", "300"));
        for (int i = 0; i < keyValues.length; i += 2) {
            settings.put(keyValues[i], keyValues[i + 1]);
        }
        return settings;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private boolean allRunning() {
        return List.of("app", "app-db", "app-web").stream().allMatch(r -> status(r).activeOn().size() == 1);
    }

    private ResourceStatus status(String resource) {
        return manager.snapshot().state().resource(resource);
    }

    private String hostOf(String resource) {
        return status(resource).activeOn().get(0);
    }

    private long lastSequence() {
        return manager.events(1).get(0).sequence();
    }

    private long sequenceOf(String text) {
        return sequenceAfter(0, text);
    }

    private long sequenceAfter(long after, String text) {
        return manager.events(2000).stream().filter(e -> e.sequence() > after && e.message().startsWith(text))
                .mapToLong(e -> e.sequence()).findFirst().orElse(-1);
    }

    private void file(String factoryPid, String name, String... keyValues) {
        Map<String, Object> raw = new HashMap<>();
        raw.put("felix.fileinstall.filename", "file:/etc/" + factoryPid + "-" + name + ".cfg");
        for (int i = 0; i < keyValues.length; i += 2) {
            raw.put(keyValues[i], keyValues[i + 1]);
        }
        manager.store().update(factoryPid, "pid-" + name, raw);
    }
}
