package org.basket.northbound.prometheus;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.basket.api.cluster.ClusterEvent;
import org.basket.api.cluster.EventKind;
import org.basket.core.SimCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus server scrapes the metrics endpoint of a manager on the simulated hypervisor; after a simulated
 * host crash (the host fenced, its VMs restarted elsewhere) its HTTP API answers what the manager did.
 */
class PrometheusScrapesAHostCrashTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private final PrometheusComponent metrics = new PrometheusComponent();
    private SimCluster cluster;
    private PrometheusServer prometheus;
    @TempDir
    Path dir;

    @AfterEach
    void stop() throws Exception {
        try {
            if (prometheus != null) {
                prometheus.close();
            }
        } finally {
            metrics.deactivate();
            if (cluster != null) {
                cluster.close();
            }
        }
    }

    @Test
    void afterAHostCrashPrometheusHasTheFenceTheRecoveriesAndTheStates() throws Exception {
        cluster = SimCluster.start(dir.resolve("journal.mv"), metrics);
        metrics.cluster = cluster.service();
        metrics.activate(Map.of("bind.address", "127.0.0.1", "port", "0"));
        await().atMost(WAIT).until(() -> SimCluster.VMS.stream().allMatch(vm -> cluster.activeOn(vm).size() == 1));
        prometheus = PrometheusServer.start(dir, "127.0.0.1:" + metrics.port().orElseThrow());
        await().atMost(WAIT).until(() -> prometheus.value("sum(basket_resources{state=\"running\"})").orElse(0.0) == 4.0);
        String victim = cluster.activeOn("vm1").get(0);
        List<String> lost = SimCluster.VMS.stream().filter(vm -> cluster.activeOn(vm).contains(victim)).toList();

        cluster.crashHost(victim);

        await().atMost(WAIT).until(() -> SimCluster.VMS.stream().allMatch(vm -> cluster.activeOn(vm).size() == 1
                && !cluster.activeOn(vm).contains(victim)) && cluster.service().progress().isIdle());
        List<ClusterEvent> events = cluster.service().events(2000);
        long starts = events.stream().filter(e -> e.kind() == EventKind.ACTION_DONE && e.action().startsWith("start ")).count();
        long plans = events.stream().filter(e -> e.kind() == EventKind.TRANSITION_STARTED && e.duration().isPresent()).count();
        String victimState = cluster.service().snapshot().state().hostState(victim).name().toLowerCase(Locale.ROOT);
        await().atMost(WAIT).until(() -> prometheus.value("basket_fences_total{result=\"fenced\"}").orElse(0.0) == 1.0
                && prometheus.value("basket_recovery_seconds_count").orElse(0.0) == lost.size()
                && prometheus.value("basket_actions_total{kind=\"start\",result=\"done\"}").orElse(0.0) == starts);

        assertTrue(prometheus.targetUp());
        assertEquals(4.0, value("sum(basket_resources{state=\"running\"})"));
        assertEquals(2.0, value("basket_hosts{state=\"online\"}"));
        assertEquals(1.0, value("basket_hosts{state=\"" + victimState + "\"}"), "the crashed host, " + victimState);
        assertEquals(0.0, value("sum(basket_actions_total{result!=\"done\"})"), "nothing failed");
        assertEquals(0.0, value("basket_fences_total{result=\"failed\"}"));
        assertEquals(plans, value("basket_plan_seconds_count"), "one plan time per transition executed");
        assertEquals(0.0, value("basket_config_problems"));
        double recovery = value("basket_recovery_seconds_sum") / lost.size();
        assertTrue(recovery >= 1.0 && recovery < WAIT.toSeconds(), "recovery of " + lost + " took on average " + recovery
                + " s: at least the dead timeout (1 s), since the host was fenced first");
    }

    private double value(String expression) throws Exception {
        return prometheus.value(expression).orElseThrow(() -> new AssertionError("Prometheus has no value for " + expression));
    }
}
