package org.basket.core;

import static org.basket.core.EventMatch.aboutResource;
import static org.basket.core.EventMatch.done;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.basket.api.cluster.ClusterEvent.Severity;
import org.basket.api.cluster.EventKind;
import org.basket.api.model.ResourceStatus;
import org.basket.core.config.ConfigPids;
import org.basket.driver.sim.SimulatedDatacenter;
import org.basket.driver.sim.SimulatedGuests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Guest services end to end on the simulated hypervisor and its SIMULATED in-guest agents, on virtual
 * time: a VM with two services, the second ordered after the first. Restarts, escalation and the reset of
 * a silent agent's VM are cases of the engine scenarios (src/test/resources/engine-scenarios).
 */
class GuestServicesTest {
    private static final List<String> RESOURCES = List.of("app", "app-db", "app-web");
    private final VirtualCluster cluster = new VirtualCluster();
    private final SimulatedDatacenter datacenter = cluster.datacenter;
    private final SimulatedGuests guests = datacenter.guests();
    private final ClusterManager manager = cluster.manager;

    @BeforeEach
    void start() {
        cluster.file(ConfigPids.DRIVER, "sim", "type", "sim", "migration.ms", "50");
        for (String host : List.of("node1", "node2", "node3")) {
            cluster.file(ConfigPids.HOST, host, "driver", "sim");
        }
        cluster.file(ConfigPids.RESOURCE, "app", "cpus", "2");
        cluster.file(ConfigPids.RESOURCE, "app-db", "kind", "guest-service", "container", "app", "check", "systemd",
                "param.unit", "postgresql.service");
        cluster.file(ConfigPids.RESOURCE, "app-web", "kind", "guest-service", "container", "app", "check", "http",
                "param.url", "http://localhost/");
        cluster.file(ConfigPids.CONSTRAINT, "db-then-web", "type", "order", "first", "app-db", "then", "app-web");
        manager.bindGuestAgents(guests, Map.of());
        cluster.start(managerSettings());
        cluster.until(() -> cluster.allRunning(RESOURCES) && guests.starts("app-web") == 1, Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() {
        cluster.close();
        assertEquals(List.of(), datacenter.violations(), "no VM was ever active on two hosts");
    }

    @Test
    void servicesStartInOrderInsideTheirVmAndAreSeenWhereItRuns() {
        String host = cluster.hostOf("app");
        assertEquals(List.of(host), status("app-db").activeOn());
        assertEquals(List.of(host), status("app-web").activeOn());
        long vm = cluster.sequenceOf(done("start app on " + host));
        long db = cluster.sequenceOf(done("start app-db on " + host));
        long web = cluster.sequenceOf(done("start app-web on " + host));
        assertTrue(vm > 0 && vm < db && db < web, "vm " + vm + ", then db " + db + ", then web " + web);
    }

    @Test
    void aLiveMigrationOfTheVmNeverRestartsItsServices() {
        String host = cluster.hostOf("app");
        manager.setStandby(host, true);
        cluster.until(() -> !cluster.hostOf("app").equals(host) && cluster.allRunning(RESOURCES)
                && status("app-web").activeOn().equals(List.of(cluster.hostOf("app"))), Duration.ofSeconds(10));
        assertTrue(cluster.sequenceOf(done("migrate app from " + host + " to " + cluster.hostOf("app"))) > 0);
        assertEquals(1, guests.starts("app-db"), "app-db kept running through the migration");
        assertEquals(1, guests.starts("app-web"), "app-web kept running through the migration");
        assertEquals(0, status("app-web").failCount(host) + status("app-db").failCount(host));
    }

    @Test
    void aCrashedVmIsRestartedThenItsServicesInOrder() {
        long before = cluster.lastSequence();
        datacenter.crashDomain("app");
        cluster.until(() -> guests.starts("app-web") == 2 && cluster.allRunning(RESOURCES), Duration.ofSeconds(10));
        String host = cluster.hostOf("app");
        long vm = cluster.sequenceAfter(before, done("start app on " + host));
        long db = cluster.sequenceAfter(before, done("start app-db on " + host));
        long web = cluster.sequenceAfter(before, done("start app-web on " + host));
        assertTrue(vm > 0 && vm < db && db < web, "vm " + vm + ", then db " + db + ", then web " + web);
        assertEquals(1, status("app").failCount(host), "the VM failed");
        assertEquals(0, status("app-db").failCount(host), "its services went down with it, they did not fail");
    }

    @Test
    void aSilentAgentLeavesItsServicesWhereTheyWere() {
        String host = cluster.hostOf("app");
        guests.silence("app", true);
        manager.configChanged();
        cluster.advance(Duration.ofSeconds(10));
        assertEquals(List.of(host), status("app-web").activeOn(), "nothing is known, nothing changes");
        assertEquals(1, guests.starts("app-web"));
    }

    @Test
    void aSilentAgentRaisesAnAlertByDefaultAndTouchesNothing() {
        manager.modified(managerSettings("agent.silence.grace.ms", "200", "agent.boot.grace.ms", "200"));
        long boots = datacenter.boots("app");
        guests.silence("app", true);
        cluster.until(() -> cluster.sequenceOf(aboutResource(EventKind.ALERT, "app") // an alert, not a reset (a warning)
                .and(e -> e.severity() == Severity.ERROR)) > 0, Duration.ofSeconds(10));
        cluster.advance(Duration.ofSeconds(10));
        assertEquals(boots, datacenter.boots("app"), "alert only: " + cluster.recent());
        assertEquals(1, guests.starts("app-web"));
    }

    @Test
    void aBadSilenceSettingIsRejectedAndTheLastGoodStays() {
        manager.modified(managerSettings("agent.silence.action", "reboot"));
        cluster.until(() -> manager.snapshot().problems().stream().anyMatch(p -> p.key().equals("agent.silence.action")
                && p.reason().contains("must be alert or reset, not 'reboot'")), Duration.ofSeconds(5));
        long boots = datacenter.boots("app");
        guests.silence("app", true);
        cluster.advance(Duration.ofSeconds(40));
        assertEquals(boots, datacenter.boots("app"), "the last good action, alert, still applies past the silence grace");
    }

    private static Map<String, Object> managerSettings(String... keyValues) {
        Map<String, Object> settings = new HashMap<>(Map.of("settle.ms", "0", "observe.interval.ms", "50",
                "host.dead.timeout.ms", "300"));
        for (int i = 0; i < keyValues.length; i += 2) {
            settings.put(keyValues[i], keyValues[i + 1]);
        }
        return settings;
    }

    private ResourceStatus status(String resource) {
        return cluster.status(resource);
    }
}
