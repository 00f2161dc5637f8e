package org.basket.core;

import static org.awaitility.Awaitility.await;
import static org.basket.core.EventMatch.aboutResource;
import static org.basket.core.EventMatch.done;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.basket.api.cluster.ClusterEvent;
import org.basket.api.cluster.EventKind;
import org.basket.api.model.ResourceStatus;
import org.basket.core.config.ConfigPids;
import org.basket.driver.sim.SimulatedDatacenter;
import org.basket.driver.sim.internal.SimDriverFactory;
import org.basket.testsupport.ConfigFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Constants;

/**
 * An in-guest agent that never acknowledges what it is asked holds neither the control loop nor the
 * recovery of an unrelated VM: the agent of {@code app} never answers, {@code other} crashes.
 */
class UnansweredAgentTest {
    private final SimulatedDatacenter datacenter = new SimulatedDatacenter();
    private final ClusterManager manager = new ClusterManager();
    private UnansweredAgents agents;

    @AfterEach
    void stop() {
        agents.release();
        manager.stop();
        assertEquals(List.of(), datacenter.violations(), "no VM was ever active on two hosts");
    }

    @Test
    void definitionsNeverAcknowledgedDoNotHoldTheRecoveryOfAnotherVm() {
        start(false, "0");
        await().atMost(Duration.ofSeconds(10)).until(() -> agents.waiting() == 1);

        datacenter.crashDomain("other");

        await().atMost(Duration.ofSeconds(10)).until(() -> status("other").failCount(hostOf("other")) == 1
                && status("other").isActive());
        assertTrue(datacenter.boots("other") >= 2, recent());
        assertEquals(List.of(), status("app-web").activeOn(), "not started while its agent lacks its definitions");
    }

    @Test
    void aStartNeverAcknowledgedDoesNotHoldTheRecoveryOfAnotherVm() {
        start(true, "0");
        await().atMost(Duration.ofSeconds(10)).until(() -> agents.waiting() == 1);

        datacenter.crashDomain("other");

        await().atMost(Duration.ofSeconds(10)).until(() -> status("other").failCount(hostOf("other")) == 1
                && status("other").isActive() && last(done("start other on " + hostOf("other"))) > 0);
        assertEquals(1, agents.waiting(), "recovered while the start of app-web still waits for its agent: " + recent());
        assertTrue(last(done("start other on " + hostOf("other")))
                > last(aboutResource(EventKind.RESOURCE_FAILED, "other")), recent());
    }

    @Test
    void aStartNeverAcknowledgedFailsAtItsOwnTimeoutAndIsCounted() {
        start(true, "300");

        await().atMost(Duration.ofSeconds(10)).until(() -> last(e -> e.kind() == EventKind.ACTION_TIMED_OUT
                && e.action().equals("start app-web on " + hostOf("app")) // what the operator reads:
                && e.message().endsWith("the agent of app was asked to start app-web: no answer within 300 ms")) > 0);
        await().atMost(Duration.ofSeconds(10)).until(() -> status("app-web").failCount(hostOf("app")) >= 1);
    }

    /** @param webStartTimeout the start timeout of app-web, 0 for the manager's (60 s) */
    private void start(boolean definitionsAnswered, String webStartTimeout) {
        file(ConfigPids.DRIVER, "sim", "type", "sim");
        for (String host : List.of("node1", "node2", "node3")) {
            file(ConfigPids.HOST, host, "driver", "sim");
        }
        file(ConfigPids.RESOURCE, "app", "cpus", "2");
        file(ConfigPids.RESOURCE, "other", "cpus", "2");
        file(ConfigPids.RESOURCE, "app-web", "kind", "guest-service", "container", "app", "check", "http",
                "param.url", "http://localhost/", "start.timeout.ms", webStartTimeout);
        agents = new UnansweredAgents(Set.of("app"), definitionsAnswered);
        manager.bindDriverFactory(new SimDriverFactory(datacenter));
        manager.bindGuestAgents(agents, Map.of(Constants.SERVICE_RANKING, 100));
        manager.start(Map.of("settle.ms", "0", "observe.interval.ms", "50", "host.dead.timeout.ms", "300"));
        await().atMost(Duration.ofSeconds(10)).until(() -> status("app").isActive() && status("other").isActive());
    }

    private ResourceStatus status(String resource) {
        return manager.snapshot().state().resource(resource);
    }

    private String hostOf(String resource) {
        List<String> hosts = status(resource).activeOn();
        return hosts.isEmpty() ? "nowhere" : hosts.get(0);
    }

    private String recent() {
        return manager.events(30).toString();
    }

    private long last(Predicate<ClusterEvent> match) {
        return EventMatch.last(manager.events(2000), match);
    }

    private void file(String factoryPid, String name, String... keyValues) {
        ConfigFiles.put(manager.store()::update, factoryPid, name, keyValues);
    }
}
