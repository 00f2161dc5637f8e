package org.basket.northbound.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.basket.api.cluster.ClusterEvent;
import org.basket.api.cluster.ClusterEvent.Severity;
import org.basket.api.cluster.ClusterSnapshot;
import org.basket.api.cluster.ConfigProblem;
import org.basket.api.cluster.EventKind;
import org.basket.api.model.Capacity;
import org.basket.api.model.ClusterConfig;
import org.basket.api.model.ClusterState;
import org.basket.api.model.Host;
import org.basket.api.model.HostState;
import org.basket.api.model.HostStatus;
import org.basket.api.model.Resource;
import org.basket.api.model.ResourceStatus;
import org.basket.api.monitor.AgentEnrolment;
import org.basket.api.monitor.AgentStatus;
import org.basket.api.monitor.GuestAgentAdmin;
import org.basket.api.plan.Transition;
import org.basket.testsupport.LogFile;
import org.basket.testsupport.SnapshotCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The component on its own endpoint over a fixed snapshot and a stream of events, scraped over HTTP. */
class PrometheusComponentTest {
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private final PrometheusComponent component = new PrometheusComponent();
    private long sequence;

    @AfterEach
    void stop() {
        component.deactivate();
    }

    @Test
    void hostsAndResourcesByStateAndConfigurationProblemsComeFromTheSnapshot() throws Exception {
        start(Map.of("port", "0"));

        String metrics = scrape();

        assertHas(metrics, "basket_hosts{state=\"online\"} 1.0");
        assertHas(metrics, "basket_hosts{state=\"unclean\"} 1.0");
        assertHas(metrics, "basket_hosts{state=\"standby\"} 0.0");
        assertHas(metrics, "basket_resources{kind=\"virtual_machine\",state=\"running\"} 1.0");
        assertHas(metrics, "basket_resources{kind=\"virtual_machine\",state=\"failed\"} 1.0");
        assertHas(metrics, "basket_resources{kind=\"virtual_machine\",state=\"stopped\"} 0.0");
        assertHas(metrics, "basket_resources{kind=\"virtual_machine\",state=\"blocked\"} 1.0");
        assertHas(metrics, "basket_resources{kind=\"guest_service\",state=\"blocked\"} 0.0");
        assertHas(metrics, "basket_config_problems 1.0");
        assertHas(metrics, "basket_agents_connected 0.0");
        assertHas(metrics, "basket_prometheus_config_refused 0.0");
    }

    @Test
    void actionsFencesRecoveryAndPlanTimeAreCountedFromTheEvents() throws Exception {
        start(Map.of("port", "0"));

        component.event(event(0, EventKind.HOST_SUSPECT, Severity.WARNING, "node2", "", "", null, 0));
        component.event(event(1, EventKind.TRANSITION_STARTED, Severity.INFO, "", "", "", Duration.ofMillis(3), 0));
        component.event(event(2, EventKind.HOST_FENCED, Severity.WARNING, "node2", "", "", null, 0));
        component.event(event(5, EventKind.ACTION_DONE, Severity.INFO, "node1", "db", "start db on node1",
                Duration.ofSeconds(2), 0));
        component.event(event(4, EventKind.ACTION_FAILED, Severity.ERROR, "node1", "web", "migrate web from node1 to node2",
                null, 0));
        component.event(event(5, EventKind.FENCE_FAILED, Severity.ERROR, "node3", "", "", null, 0));
        component.event(event(6, EventKind.FENCE_FAILED, Severity.ERROR, "node3", "", "", null, 3));
        component.event(event(7, EventKind.FENCE_FAILED, Severity.WARNING, "node3", "", "", null, 0));
        component.event(event(8, EventKind.HOST_FENCED, Severity.ERROR, "node3", "", "", null, 0));

        String metrics = scrape();
        assertHas(metrics, "basket_actions_total{kind=\"start\",result=\"done\"} 1.0");
        assertHas(metrics, "basket_actions_total{kind=\"migrate\",result=\"failed\"} 1.0");
        assertHas(metrics, "basket_actions_total{kind=\"stop\",result=\"done\"} 0.0");
        assertHas(metrics, "basket_fences_total{result=\"fenced\"} 1.0");
        assertHas(metrics, "basket_fences_total{result=\"failed\"} 4.0");
        assertHas(metrics, "basket_fences_total{result=\"confirmed\"} 1.0");
        // db ran on node2, suspect at T0; its start was issued at T0 + 3 s (done at +5 s after 2 s)
        assertHas(metrics, "basket_recovery_seconds_count 1");
        assertHas(metrics, "basket_recovery_seconds_sum 3.0");
        assertHas(metrics, "basket_recovery_seconds_bucket{le=\"2.0\"} 0");
        assertHas(metrics, "basket_recovery_seconds_bucket{le=\"5.0\"} 1");
        assertHas(metrics, "basket_plan_seconds_count 1");
        assertHas(metrics, "basket_plan_seconds_sum 0.003");
    }

    @Test
    void agentsConnectedAreCountedFromTheAgentChannel() throws Exception {
        component.agents = new GuestAgentAdmin() {
            @Override
            public AgentEnrolment enrol(String vm, Duration validity) {
                throw new UnsupportedOperationException();
            }

            @Override
            public List<AgentStatus> agents() {
                return List.of(new AgentStatus("db", true, true, Optional.of(T0), "10.0.0.5", "basket-agent", 2, ""),
                        new AgentStatus("web", true, false, Optional.of(T0), "", "", 0, "no session"));
            }

            @Override
            public Optional<AgentStatus> agent(String vm) {
                return Optional.empty();
            }

            @Override
            public void revoke(String vm) {
                throw new UnsupportedOperationException();
            }

            @Override
            public String caCertificatePem() {
                throw new UnsupportedOperationException();
            }
        };
        start(Map.of("port", "0"));

        assertHas(scrape(), "basket_agents_connected 1.0");
    }

        @Test
    void aRefusedFileIsLoggedWithFileAndKeysAndTheEndpointKeepsItsSettings() throws Exception {
        start(Map.of("port", "0"));
        int port = component.port().orElseThrow();
        Map<String, Object> broken = new HashMap<>();
        broken.put("felix.fileinstall.filename", "file:/opt/basket/etc/org.basket.prometheus.cfg");
        broken.put("port", "lots");
        broken.put("bind.adress", "0.0.0.0");

        component.modified(broken);

        assertEquals(Optional.of(port), component.port());
        assertHas(scrape(), "basket_prometheus_config_refused 1.0");
        assertTrue(LogFile.contains("Prometheus metrics: configuration refused, keeping the running settings (127.0.0.1:"
                + port + "): org.basket.prometheus.cfg: key 'bind.adress': unknown key"), "the log names file and keys");
        assertTrue(LogFile.contains("key 'port': not a whole number: 'lots'"), "the log names the bad port");

        component.modified(Map.of("port", "0", "bind.address", "127.0.0.1"));

        assertHas(scrape(), "basket_prometheus_config_refused 0.0");
    }

    private void start(Map<String, Object> properties) {
        Host node1 = new Host("node1", "sim", "", Map.of());
        Host node2 = new Host("node2", "sim", "", Map.of());
        Resource db = Resource.vm("db", new Capacity(1, 512));
        Resource web = Resource.vm("web", new Capacity(1, 512));
        Resource app = Resource.vm("app", new Capacity(1, 512));
        ClusterConfig config = ClusterConfig.of(List.of(node1, node2), List.of(db, web, app), List.of());
        ClusterState state = ClusterState.of(List.of(new HostStatus("node1", HostState.ONLINE, new Capacity(4, 4096)),
                        new HostStatus("node2", HostState.UNCLEAN, new Capacity(4, 4096))),
                List.of(ResourceStatus.runningOn("db", "node2"),
                        new ResourceStatus("web", List.of(), "node1", Map.of("node1", 1)),
                        new ResourceStatus("app", List.of(), "node1", Map.of("node1", 1), false, Map.of(), "node1")));
        component.cluster = new SnapshotCluster(new ClusterSnapshot(config, state,
                List.of(new ConfigProblem("org.basket.resource-x.cfg", "cpus", "not a whole number")), Map.of(),
                Transition.EMPTY));
        component.activate(properties);
    }

    private ClusterEvent event(int seconds, EventKind kind, Severity severity, String host, String resource, String action,
                               Duration took, int repeats) {
        return new ClusterEvent(++sequence, T0.plusSeconds(seconds), severity, kind, host, resource, action,
                Optional.ofNullable(took), kind + " " + host + resource, repeats);
    }

    private String scrape() throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + component.port().orElseThrow() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        return response.body();
    }

    private static void assertHas(String metrics, String line) {
        assertTrue(metrics.lines().anyMatch(line::equals), () -> "no line '" + line + "' in:\n" + metrics);
    }
}
