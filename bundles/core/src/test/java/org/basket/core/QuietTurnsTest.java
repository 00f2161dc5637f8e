package org.basket.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

import org.basket.api.cluster.EventKind;
import org.basket.api.model.Capacity;
import org.basket.api.model.ClusterConfig;
import org.basket.api.model.HostState;
import org.basket.api.monitor.AgentException;
import org.basket.api.monitor.CheckResult;
import org.basket.api.monitor.GuestAgents;
import org.basket.api.monitor.ServiceDefinition;
import org.basket.core.config.ConfigPids;
import org.basket.driver.sim.SimulatedGuests;
import org.basket.scheduler.PlanInput;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A turn in which nothing a plan is made from changed does not build the state nor plan; every kind of input does
 * make the next turn plan, and what it calls for is done at once (well before the full turn every
 * {@link QuietTurns#AT_LEAST_EVERY}).
 */
class QuietTurnsTest {
    private static final List<String> VMS = List.of("vm1", "vm2", "vm3", "vm4");
    private static final Map<String, String> SETTINGS = Map.of("settle.ms", "0", "observe.interval.ms", "100",
            "poll.timeout.ms", "1000", "host.dead.timeout.ms", "1000", "reconcile.interval.ms", "600000",
            "fence.backoff.ms", "2000");
    private final VirtualCluster cluster = new VirtualCluster();

    @AfterEach
    void stop() {
        cluster.datacenter.clearFaults();
        cluster.close();
        assertEquals(List.of(), cluster.datacenter.violations(), "no VM was ever active on two hosts");
    }

    @Test
    void anIdleLoopTurnsWithoutPlanning() {
        start(3);
        PlanInput last = cluster.manager.lastInput();
        long skipped = cluster.manager.turnsSkipped();
        cluster.advance(Duration.ofSeconds(3));
        assertSame(last, cluster.manager.lastInput(), "no plan in 3 s of nothing happening");
        assertTrue(cluster.manager.turnsSkipped() - skipped >= 25, "turns went on: " + cluster.manager.turnsSkipped());
        cluster.advance(QuietTurns.AT_LEAST_EVERY);
        assertNotSame(last, cluster.manager.lastInput(), "a full turn at least every " + QuietTurns.AT_LEAST_EVERY);
    }

    @Test
    void aDriverEventPlans() {
        start(3);
        quiet();
        String host = cluster.hostOf("vm1");
        cluster.datacenter.crashDomain("vm1");
        cluster.until(() -> cluster.datacenter.boots("vm1") == 2 && cluster.status("vm1").activeOn().equals(List.of(host)),
                Duration.ofMillis(500));
    }

    @Test
    void aDefinitionAddedPlans() {
        start(3);
        quiet();
        cluster.file(ConfigPids.RESOURCE, "vm9", "cpus", "1", "memory.mb", "512"); // not even told as news
        cluster.until(() -> cluster.datacenter.boots("vm9") == 1, Duration.ofMillis(500));
    }

    @Test
    void anOperatorsStandbyPlans() {
        start(3);
        quiet();
        String host = cluster.hostOf("vm1");
        cluster.manager.setStandby(host, true);
        cluster.until(() -> VMS.stream().noneMatch(v -> cluster.status(v).activeOn().contains(host)), Duration.ofSeconds(1));
    }

    @Test
    void newSettingsPlan() {
        start(3);
        quiet();
        PlanInput last = cluster.manager.lastInput();
        Map<String, String> changed = new HashMap<>(SETTINGS);
        changed.put("migration.limit.host", "1");
        cluster.manager.modified(Map.copyOf(changed));
        cluster.until(() -> cluster.manager.lastInput() != last, Duration.ofMillis(300));
        assertEquals(1, cluster.manager.lastInput().options().migrationLimitPerHost());
    }

    @Test
    void siteRulesThatSayOtherwisePlan() {
        start(3);
        java.util.concurrent.atomic.AtomicBoolean standDown = new java.util.concurrent.atomic.AtomicBoolean();
        cluster.manager.planWithin(config -> { // like the sites' rules, which read the grants at each turn
            if (!standDown.get()) {
                return config;
            }
            TreeMap<String, org.basket.api.model.Resource> resources = new TreeMap<>(config.resources());
            resources.computeIfPresent("vm4", (name, r) -> r.withEnabled(false));
            return new ClusterConfig(config.hosts(), resources, config.constraints());
        });
        quiet();
        standDown.set(true);
        cluster.until(() -> cluster.status("vm4").activeOn().isEmpty(), Duration.ofMillis(500));
    }

    @Test
    void aFailCountThatExpiresPlans() {
        cluster.file(ConfigPids.RESOURCE, "flaky", "cpus", "1", "memory.mb", "512", "migration.threshold", "1",
                "failure.timeout.ms", "4000");
        start(1);
        cluster.datacenter.crashDomain("flaky");
        cluster.until(() -> cluster.status("flaky").failCount("h1") == 1, Duration.ofMillis(500));
        long skipped = cluster.manager.turnsSkipped();
        cluster.holds(() -> cluster.status("flaky").activeOn().isEmpty(), Duration.ofMillis(3500),
                "its one failure keeps flaky off its only host until the failure timeout");
        assertTrue(cluster.manager.turnsSkipped() - skipped >= 25, "the turns meanwhile did not plan");
        cluster.until(() -> cluster.status("flaky").activeOn().equals(List.of("h1")), Duration.ofMillis(800));
    }

    @Test
    void aSilentHostPastItsDeadTimeoutIsFencedAndItsVmsRecovered() {
        start(3);
        quiet();
        String host = cluster.hostOf("vm1");
        cluster.datacenter.crashHost(host);
        cluster.until(() -> hostState(host) == HostState.SUSPECT, Duration.ofMillis(300));
        cluster.until(() -> hostState(host) == HostState.OFFLINE && cluster.allRunning(VMS), Duration.ofMillis(1500));
    }

    @Test
    void aFenceBackOffThatEndsPlansTheFenceAgain() {
        start(3);
        quiet();
        String host = cluster.hostOf("vm1");
        cluster.datacenter.failFence(host, true);
        cluster.datacenter.crashHost(host);
        cluster.until(() -> cluster.sequenceOf(e -> e.kind() == EventKind.FENCE_FAILED
                && e.host().equals(host)) > 0, Duration.ofSeconds(2));
        cluster.datacenter.failFence(host, false);
        long skipped = cluster.manager.turnsSkipped();
        cluster.until(() -> hostState(host) == HostState.OFFLINE && cluster.allRunning(VMS), Duration.ofMillis(2500));
        assertTrue(cluster.manager.turnsSkipped() > skipped, "turns during the back-off did not plan");
    }

    @Test
    void withGuestServicesAnIdleLoopTurnsWithoutPlanningAndAnAgentsReportPlans() {
        startWithService(cluster.datacenter.guests(), SETTINGS);
        quiet();
        PlanInput last = cluster.manager.lastInput();
        long skipped = cluster.manager.turnsSkipped();
        cluster.advance(Duration.ofSeconds(3));
        assertSame(last, cluster.manager.lastInput(), "no plan in 3 s of nothing happening, guest services configured");
        assertTrue(cluster.manager.turnsSkipped() - skipped >= 25, "turns went on: " + cluster.manager.turnsSkipped());

        cluster.datacenter.guests().crashService("vm1", "svc1"); // the agent's report: the service failed
        cluster.until(() -> cluster.datacenter.guests().starts("svc1") == 2
                && cluster.status("svc1").activeOn().equals(List.of(cluster.hostOf("vm1"))), Duration.ofMillis(500));
    }

    @Test
    void aDefinitionsUpdateTheAgentRefusedIsRetriedAtTheNextTurn() {
        RefusingAgents agents = new RefusingAgents(cluster.datacenter.guests());
        startWithService(agents, SETTINGS);
        quiet();
        agents.refuseNext();
        cluster.file(ConfigPids.RESOURCE, "svc2", "kind", "guest-service", "container", "vm1", "check", "systemd",
                "param.unit", "b.service");
        cluster.until(() -> agents.refused == 1, Duration.ofMillis(300));
        cluster.until(() -> cluster.datacenter.guests().starts("svc2") == 1, Duration.ofMillis(500));
    }

    @Test
    void anAgentSilentPastItsGraceIsAlertedWhenItsGraceEndsNotBefore() {
        Map<String, String> settings = new HashMap<>(SETTINGS);
        settings.put("agent.silence.grace.ms", "1000");
        settings.put("agent.boot.grace.ms", "1000");
        startWithService(cluster.datacenter.guests(), Map.copyOf(settings));
        quiet();
        cluster.advance(Duration.ofSeconds(3)); // turns that do not plan: the agent is heard all along
        cluster.datacenter.guests().silence("vm1", true);
        BooleanSupplier alerted = () -> cluster.sequenceOf(e -> e.kind() == EventKind.ALERT
                && e.resource().equals("vm1")) > 0;
        cluster.holds(() -> !alerted.getAsBoolean(), Duration.ofMillis(850), "silent for less than its grace");
        cluster.until(alerted, Duration.ofMillis(300));
    }

    private void startWithService(GuestAgents agents, Map<String, String> settings) {
        cluster.file(ConfigPids.RESOURCE, "svc1", "kind", "guest-service", "container", "vm1", "check", "systemd",
                "param.unit", "a.service");
        cluster.manager.bindGuestAgents(agents, Map.of());
        start(3, settings);
        cluster.until(() -> cluster.status("svc1").activeOn().size() == 1 && cluster.manager.isIdle(),
                Duration.ofSeconds(5));
    }

    /** The simulator's agents, refusing a definitions update when told to, without telling anyone. */
    private static final class RefusingAgents implements GuestAgents {
        private final SimulatedGuests guests;
        private volatile boolean refuse;
        volatile int refused;

        RefusingAgents(SimulatedGuests guests) {
            this.guests = guests;
        }

        void refuseNext() {
            refuse = true;
        }

        @Override
        public boolean serves(String vm) {
            return guests.serves(vm);
        }

        @Override
        public Optional<Map<String, CheckResult>> services(String vm) {
            return guests.services(vm);
        }

        @Override
        public void define(String vm, List<ServiceDefinition> services)
                throws AgentException {
            if (refuse) {
                refuse = false;
                refused++;
                throw new AgentException("refused once by the test");
            }
            guests.define(vm, services);
        }

        @Override
        public void start(String vm, String service) throws AgentException {
            guests.start(vm, service);
        }

        @Override
        public void stop(String vm, String service) throws AgentException {
            guests.stop(vm, service);
        }

        @Override
        public void listen(Runnable changed) {
            guests.listen(changed);
        }
    }

    private void start(int hosts) {
        start(hosts, SETTINGS);
    }

    private void start(int hosts, Map<String, String> settings) {
        cluster.file(ConfigPids.DRIVER, "sim", "type", "sim");
        for (int i = 1; i <= hosts; i++) {
            cluster.datacenter.addHost("h" + i, new Capacity(16, 65536));
            cluster.file(ConfigPids.HOST, "h" + i, "driver", "sim");
        }
        for (String vm : VMS) {
            cluster.file(ConfigPids.RESOURCE, vm, "cpus", "1", "memory.mb", "512");
        }
        cluster.start(settings);
        cluster.until(() -> cluster.allRunning(VMS) && cluster.manager.isIdle(), Duration.ofSeconds(5));
    }

    /** Waits until the loop no longer plans: the inputs are the same turn after turn. */
    private void quiet() {
        cluster.until(() -> {
            PlanInput last = cluster.manager.lastInput();
            cluster.advance(Duration.ofMillis(300));
            return cluster.manager.lastInput() == last;
        }, Duration.ofSeconds(5));
    }

    private HostState hostState(String host) {
        return cluster.manager.snapshot().state().hosts().get(host).state();
    }
}
