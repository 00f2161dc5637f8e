package org.basket.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.basket.api.cluster.ConfigProblem;
import org.basket.api.model.ClusterConfig;
import org.basket.api.model.Constraint;
import org.basket.testsupport.ConfigFiles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A file that contradicts what is in force is the one rejected; what is in force stays. */
class ConfigContradictionTest {
    private final ConfigStore store = new ConfigStore();

    @BeforeEach
    void cluster() {
        file(ConfigPids.DRIVER, "sim", "type", "sim");
        file(ConfigPids.HOST, "node1", "driver", "sim");
        file(ConfigPids.HOST, "node2", "driver", "sim");
        for (String vm : List.of("a", "b", "c", "db", "web")) {
            file(ConfigPids.RESOURCE, vm);
        }
    }

    @Test
    void aColocationContradictingAnAntiAffinityInForceIsRejected() {
        file(ConfigPids.CONSTRAINT, "apart", "type", "anti-affinity", "resource", "a", "with", "b");
        assertEquals(List.of(), store.build().problems());

        file(ConfigPids.CONSTRAINT, "together", "type", "colocation", "resource", "a", "with", "b", "score", "INFINITY");
        ConfigStore.Result result = store.build();

        assertEquals(List.of("apart"), names(result.config()));
        ConfigProblem problem = single(result.problems());
        assertEquals("org.basket.constraint-together.cfg", problem.source());
        assertEquals("'a' and 'b' must both share and never share a host: together keeps them together, apart apart;"
                + " rejected, apart stays in force", problem.reason());
        assertEquals(List.of("apart"), names(store.build().config()), "stable on the next build");
    }

    @Test
    void anAntiAffinityContradictingAColocationInForceIsRejected() {
        file(ConfigPids.CONSTRAINT, "together", "type", "colocation", "resource", "a", "with", "b", "score", "INFINITY");
        store.build();

        file(ConfigPids.CONSTRAINT, "apart", "type", "anti-affinity", "resource", "a", "with", "b");
        ConfigStore.Result result = store.build();

        assertEquals(List.of("together"), names(result.config()));
        assertEquals("org.basket.constraint-apart.cfg", single(result.problems()).source());
    }

    @Test
    void whenBothArriveTogetherMinusInfinityWins() {
        file(ConfigPids.CONSTRAINT, "apart", "type", "anti-affinity", "resource", "a", "with", "b");
        file(ConfigPids.CONSTRAINT, "together", "type", "colocation", "resource", "a", "with", "b", "score", "INFINITY");
        ConfigStore.Result result = store.build();

        assertEquals(List.of("apart"), names(result.config()));
        assertEquals("org.basket.constraint-together.cfg", single(result.problems()).source());
    }

    @Test
    void aColocationSetContradictingAColocationInForceIsRejected() {
        file(ConfigPids.CONSTRAINT, "together", "type", "colocation", "resource", "a", "with", "b", "score", "INFINITY");
        store.build();

        file(ConfigPids.CONSTRAINT, "spread", "type", "colocation-set", "resources", "a, b, c", "score", "-INFINITY");
        ConfigStore.Result result = store.build();

        assertEquals(List.of("together"), names(result.config()));
        assertEquals("org.basket.constraint-spread.cfg", single(result.problems()).source());
    }

    @Test
    void theOrderThatClosesALoopIsRejectedNamingResourcesAndOrders() {
        file(ConfigPids.CONSTRAINT, "a-then-b", "type", "order", "first", "a", "then", "b");
        file(ConfigPids.CONSTRAINT, "b-then-c", "type", "order", "first", "b", "then", "c");
        store.build();

        file(ConfigPids.CONSTRAINT, "c-then-a", "type", "order", "first", "c", "then", "a");
        ConfigStore.Result result = store.build();

        assertEquals(List.of("a-then-b", "b-then-c"), names(result.config()));
        ConfigProblem problem = single(result.problems());
        assertEquals("org.basket.constraint-c-then-a.cfg", problem.source());
        assertTrue(problem.reason().startsWith("order loop: "), problem.reason());
        for (String named : List.of("a -> ", "b -> ", "c -> ", "a-then-b", "b-then-c", "c-then-a")) {
            assertTrue(problem.reason().contains(named), problem.reason());
        }
    }

    @Test
    void aReversedOrderIsRejectedAndTheOrderInForceStays() {
        file(ConfigPids.CONSTRAINT, "db-before-web", "type", "order", "first", "db", "then", "web");
        store.build();

        file(ConfigPids.CONSTRAINT, "web-before-db", "type", "order", "first", "web", "then", "db");
        ConfigStore.Result result = store.build();

        assertEquals(List.of("db-before-web"), names(result.config()));
        assertEquals("org.basket.constraint-web-before-db.cfg", single(result.problems()).source());
    }

    @Test
    void aChangedConstraintThatContradictsFallsBackToItsPreviousVersion() {
        file(ConfigPids.CONSTRAINT, "apart", "type", "anti-affinity", "resource", "a", "with", "b");
        file(ConfigPids.CONSTRAINT, "near", "type", "colocation", "resource", "a", "with", "b", "score", "100");
        store.build();

        file(ConfigPids.CONSTRAINT, "near", "type", "colocation", "resource", "a", "with", "b", "score", "INFINITY");
        ConfigStore.Result result = store.build();

        assertEquals(List.of("apart", "near"), names(result.config()));
        assertEquals(100, result.config().constraints(Constraint.Colocation.class).stream()
                .filter(c -> c.name().equals("near")).findFirst().orElseThrow().score());
        assertTrue(single(result.problems()).reason().endsWith("(the previous definition stays in force)"));
    }

    @Test
    void aResourceChangeThatBreaksAnOrderInForceIsRejected() {
        file(ConfigPids.CONSTRAINT, "db-before-web", "type", "order", "first", "db", "then", "web");
        store.build();

        file(ConfigPids.RESOURCE, "db", "migratable", "false");
        ConfigStore.Result result = store.build();

        assertEquals(List.of("db-before-web"), names(result.config()));
        assertTrue(result.config().resources().get("db").migratable(), "the previous db stays in force");
        ConfigProblem problem = single(result.problems());
        assertEquals("org.basket.resource-db.cfg", problem.source());
        assertTrue(problem.reason().startsWith("'web' is migratable but depends on 'db', which is not"), problem.reason());
    }

    @Test
    void aGuestServiceInNoVmIsRejectedNamingItsContainer() {
        file(ConfigPids.RESOURCE, "nginx", "kind", "guest-service", "container", "web", "check", "systemd");
        file(ConfigPids.RESOURCE, "typo", "kind", "guest-service", "container", "wbe", "check", "systemd");
        file(ConfigPids.RESOURCE, "self", "kind", "guest-service", "container", "self", "check", "systemd");
        file(ConfigPids.RESOURCE, "nested", "kind", "guest-service", "container", "nginx", "check", "systemd");
        file(ConfigPids.RESOURCE, "loop1", "kind", "guest-service", "container", "loop2", "check", "systemd");
        file(ConfigPids.RESOURCE, "loop2", "kind", "guest-service", "container", "loop1", "check", "systemd");

        ConfigStore.Result result = assertTimeoutPreemptively(Duration.ofSeconds(10), store::build);

        assertTrue(result.config().resources().containsKey("nginx"));
        assertEquals(List.of("nginx"), result.services().keySet().stream().toList());
        assertEquals(5, result.problems().size(), result.problems().toString());
        assertTrue(result.problems().stream().allMatch(p -> p.key().equals("container")), result.problems().toString());
        assertTrue(result.problems().toString().contains("org.basket.resource-typo.cfg: key 'container': names 'wbe',"
                + " which is not a configured VM"), result.problems().toString());
        for (String name : List.of("typo", "self", "nested", "loop1", "loop2")) {
            assertFalse(result.config().resources().containsKey(name), name);
        }
    }

    @Test
    void aGuestServiceMovedIntoNoVmKeepsItsPreviousVm() {
        file(ConfigPids.RESOURCE, "nginx", "kind", "guest-service", "container", "web", "check", "systemd");
        store.build();

        file(ConfigPids.RESOURCE, "nginx", "kind", "guest-service", "container", "wbe", "check", "systemd");
        ConfigStore.Result result = store.build();

        assertEquals("web", result.config().resources().get("nginx").container());
        assertTrue(single(result.problems()).reason().endsWith("(the previous definition stays in force)"));
    }

    @Test
    void aHostChangedToAMissingDriverKeepsItsPreviousVersion() {
        store.build();
        file(ConfigPids.HOST, "node1", "driver", "nosuch");
        ConfigStore.Result result = store.build();
        assertEquals("sim", result.config().hosts().get("node1").driver());
        assertTrue(single(result.problems()).reason().endsWith("(the previous definition stays in force)"));
    }

    @Test
    void aNewFileDefiningAHostInForceIsTheOneRejected() {
        store.build();
        Map<String, Object> raw = new HashMap<>();
        raw.put("felix.fileinstall.filename", "file:/opt/basket/etc/org.basket.host-copy.cfg");
        raw.put("name", "node1");
        raw.put("driver", "sim");
        raw.put("address", "elsewhere");
        store.update(ConfigPids.HOST, "pid-copy", raw);
        ConfigStore.Result result = store.build();
        assertEquals("node1", result.config().hosts().get("node1").address(), "the host in force keeps its file");
        assertEquals("org.basket.host-copy.cfg", single(result.problems()).source());
    }

    private static List<String> names(ClusterConfig config) {
        return config.constraints().stream().map(c -> c.name()).toList();
    }

    private static ConfigProblem single(List<ConfigProblem> problems) {
        assertEquals(1, problems.size(), problems.toString());
        return problems.get(0);
    }

    private void file(String factoryPid, String name, String... keyValues) {
        ConfigFiles.put(store::update, factoryPid, name, keyValues);
    }
}
