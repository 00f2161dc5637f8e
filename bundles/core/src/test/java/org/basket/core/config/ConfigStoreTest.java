package org.basket.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.basket.api.cluster.ConfigProblem;
import org.basket.api.model.Constraint;
import org.basket.api.model.Operations;
import org.basket.api.model.Resource;
import org.basket.api.model.ResourceKind;
import org.basket.api.model.Score;
import org.basket.api.monitor.ServiceDefinition;
import org.basket.testsupport.ConfigFiles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConfigStoreTest {
    private final ConfigStore store = new ConfigStore();

    @BeforeEach
    void demo() {
        file(ConfigPids.DRIVER, "sim", "type", "sim", "latency.ms", "5");
        file(ConfigPids.HOST, "node1", "driver", "sim");
        file(ConfigPids.HOST, "node2", "driver", "sim", "attributes", "rack=r1, site=a");
        file(ConfigPids.RESOURCE, "db", "cpus", "4", "memory.mb", "8192");
        file(ConfigPids.RESOURCE, "web", "migratable", "false");
        file(ConfigPids.CONSTRAINT, "db-before-web", "type", "order", "first", "db", "then", "web");
    }

    @Test
    void readsTheDemoWithNamesFromFileNames() {
        ConfigStore.Result result = store.build();
        assertEquals(List.of(), result.problems());
        assertEquals("sim", result.drivers().get("sim").type());
        assertEquals(Map.of("latency.ms", "5"), result.drivers().get("sim").properties());
        assertEquals(Map.of("rack", "r1", "site", "a", "driver", "sim"), result.config().hosts().get("node2").attributes());
        assertEquals(4, result.config().resources().get("db").demand().cpus());
        assertEquals(1, result.config().resources().get("web").demand().cpus());
        assertEquals(List.of(new Constraint.Order("db-before-web", "db", "web", true)),
                result.config().constraints());
    }

    @Test
    void badValueKeepsTheLastGoodDefinition() {
        store.build();
        file(ConfigPids.RESOURCE, "db", "cpus", "lots");
        ConfigStore.Result result = store.build();
        assertEquals(List.of(new ConfigProblem("org.basket.resource-db.cfg", "cpus",
                "not a whole number: 'lots' (the previous definition stays in force)")), result.problems());
        assertEquals(4, result.config().resources().get("db").demand().cpus());
    }

    @Test
    void unknownKeyIsRejectedWithTheKnownKeys() {
        file(ConfigPids.RESOURCE, "typo", "cpu", "2");
        ConfigProblem problem = store.build().problems().get(0);
        assertEquals("org.basket.resource-typo.cfg", problem.source());
        assertEquals("cpu", problem.key());
        assertTrue(problem.reason().startsWith("unknown key (known keys: check, container, cpus, domain, driver, enabled, failure.timeout.ms, kind"),
                problem.reason());
    }

    @Test
    void resourceOperationTimeoutsAndMonitorAreReadAndNegativeOnesRejected() {
        file(ConfigPids.RESOURCE, "web", "start.timeout.ms", "5000", "monitor.interval.ms", "10000");
        Operations web = store.build().config().resources().get("web").operations();
        assertEquals(Duration.ofSeconds(5), web.startTimeout());
        assertEquals(Duration.ZERO, web.stopTimeout());
        assertEquals(Duration.ofSeconds(10), web.monitorInterval());
        file(ConfigPids.RESOURCE, "web", "stop.timeout.ms", "-1");
        ConfigStore.Result result = store.build();
        assertEquals(List.of(new ConfigProblem("org.basket.resource-web.cfg", "stop.timeout.ms",
                "must not be negative: -1 (0: the default) (the previous definition stays in force)")), result.problems());
        assertEquals(web, result.config().resources().get("web").operations());
    }

    @Test
    void hostNamingAMissingDriverIsRejected() {
        file(ConfigPids.HOST, "node4", "driver", "nosuch");
        ConfigStore.Result result = store.build();
        assertEquals(List.of(new ConfigProblem("org.basket.host-node4.cfg", "driver",
                "names driver 'nosuch', which is not configured (an org.basket.driver-nosuch.cfg)")), result.problems());
        assertEquals(2, result.config().hosts().size());
    }

    @Test
    void constraintNamingAMissingResourceIsRejectedAndItsPreviousVersionStays() {
        file(ConfigPids.CONSTRAINT, "apart", "type", "anti-affinity", "resource", "db", "with", "web");
        store.build();
        file(ConfigPids.CONSTRAINT, "apart", "type", "anti-affinity", "resource", "db", "with", "ghost");
        ConfigStore.Result result = store.build();
        assertEquals(List.of(new ConfigProblem("org.basket.constraint-apart.cfg", "",
                "names resource 'ghost', which is not configured (the previous definition stays in force)")),
                result.problems());
        assertTrue(result.config().constraints().contains(
                new Constraint.Colocation("apart", "db", "web", Score.MINUS_INFINITY)));
    }

    @Test
    void constraintWaitingForItsResourceIsAcceptedOnceItArrives() {
        file(ConfigPids.CONSTRAINT, "early", "type", "location", "resource", "late", "host", "node1", "score", "INFINITY");
        assertEquals(1, store.build().problems().size());
        file(ConfigPids.RESOURCE, "late");
        ConfigStore.Result result = store.build();
        assertEquals(List.of(), result.problems());
        assertTrue(result.config().constraints().contains(new Constraint.Location("early", "late", "node1", Score.INFINITY)));
    }

    @Test
    void orderLoopIsReportedWithTheOrdersInvolved() {
        file(ConfigPids.CONSTRAINT, "web-before-db", "type", "order", "first", "web", "then", "db", "mandatory", "false");
        List<ConfigProblem> problems = store.build().problems();
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).reason().startsWith("order loop: "), problems.toString());
    }

    @Test
    void keysOfAnotherConstraintTypeAreRejected() {
        file(ConfigPids.CONSTRAINT, "mixed", "type", "order", "first", "db", "then", "web", "score", "5");
        ConfigProblem problem = store.build().problems().get(0);
        assertEquals("score", problem.key());
        assertEquals("does not apply to a order constraint (it takes first, then, mandatory)", problem.reason());
    }

    @Test
    void duplicateNamesAreRejected() {
        store.update(ConfigPids.RESOURCE, "pid-2", Map.of("name", "db", "felix.fileinstall.filename",
                "file:/etc/org.basket.resource-other.cfg"));
        ConfigProblem problem = store.build().problems().get(0);
        assertEquals("org.basket.resource-other.cfg", problem.source());
        assertTrue(problem.reason().startsWith("resource 'db' is already defined in"), problem.reason());
    }

    @Test
    void deletedFileIsForgotten() {
        store.delete("pid-" + ConfigPids.RESOURCE + "-web");
        ConfigStore.Result result = store.build();
        assertEquals(List.of("db"), List.copyOf(result.config().resources().keySet()));
        assertEquals(1, result.problems().size(), "the order now names a missing resource");
    }

    @Test
    void unchangedFilesGiveTheSameConfigurationObject() {
        ConfigStore.Result first = store.build();
        assertTrue(first.config() == store.build().config(), "reused while nothing changed");
        file(ConfigPids.RESOURCE, "extra");
        assertTrue(first.config() != store.build().config(), "rebuilt after a change");
    }

    @Test
    void guestServiceNamesItsVmItsCheckAndTheCheckParameters() {
        file(ConfigPids.RESOURCE, "httpd", "kind", "guest-service", "container", "web", "check", "http",
                "param.url", "http://localhost:8080/", "param.expect", "200");
        ConfigStore.Result result = store.build();
        assertEquals(List.of(), result.problems());
        Resource httpd = result.config().resources().get("httpd");
        assertEquals(ResourceKind.GUEST_SERVICE, httpd.kind());
        assertEquals("web", httpd.container());
        assertEquals(new ServiceDefinition("httpd", "http", Map.of("url", "http://localhost:8080/", "expect", "200")),
                result.services().get("httpd"));
    }

    @Test
    void guestServiceWithoutVmOrCheckAndVmWithCheckParametersAreRejected() {
        file(ConfigPids.RESOURCE, "svc", "kind", "guest-service", "check", "http");
        file(ConfigPids.RESOURCE, "svc2", "kind", "guest-service", "container", "web");
        file(ConfigPids.RESOURCE, "vm9", "param.url", "http://localhost/");
        assertEquals(List.of(
                new ConfigProblem("org.basket.resource-svc.cfg", "container", "a guest service needs the VM it runs in"),
                new ConfigProblem("org.basket.resource-svc2.cfg", "check", "a guest service needs the monitor type "
                        + "that watches it (systemd, process, tcp, http, nagios, ocf)"),
                new ConfigProblem("org.basket.resource-vm9.cfg", "param.url",
                        "only a guest service has check parameters (param.*)")), store.build().problems());
    }

    @Test
    void locationRuleComparesAHostAttribute() {
        file(ConfigPids.CONSTRAINT, "db-not-in-a", "type", "location-rule", "resource", "db", "attribute", "site",
                "operation", "eq", "value", "a", "score", "-INFINITY");
        file(ConfigPids.CONSTRAINT, "web-needs-rack", "type", "location-rule", "resource", "web", "attribute", "rack",
                "operation", "not-exists", "score", "-INFINITY");
        ConfigStore.Result result = store.build();
        assertEquals(List.of(), result.problems());
        assertTrue(result.config().constraints().contains(new Constraint.LocationRule("db-not-in-a", "db", "site",
                Constraint.AttributeOperation.EQ, "a", Score.MINUS_INFINITY)));
        assertTrue(result.config().constraints().contains(new Constraint.LocationRule("web-needs-rack", "web", "rack",
                Constraint.AttributeOperation.NOT_EXISTS, "", Score.MINUS_INFINITY)));
    }

    @Test
    void locationRuleWithAnUnknownOperationIsRejected() {
        file(ConfigPids.CONSTRAINT, "odd", "type", "location-rule", "resource", "db", "attribute", "site",
                "operation", "like", "value", "a", "score", "5");
        assertEquals(List.of(new ConfigProblem("org.basket.constraint-odd.cfg", "operation",
                "not an attribute operation: 'like' (eq, ne, exists, not-exists)")), store.build().problems());
    }

    @Test
    void locationRuleComparingWithoutAValueIsRejected() {
        file(ConfigPids.CONSTRAINT, "half", "type", "location-rule", "resource", "db", "attribute", "site",
                "operation", "ne", "score", "5");
        assertEquals(List.of(new ConfigProblem("org.basket.constraint-half.cfg", "value",
                "missing: 'ne' compares the attribute with a value")), store.build().problems());
    }

    @Test
    void locationRuleTestingExistenceTakesNoValue() {
        file(ConfigPids.CONSTRAINT, "gpu", "type", "location-rule", "resource", "db", "attribute", "gpu",
                "operation", "exists", "value", "a100", "score", "5");
        assertEquals("value", store.build().problems().get(0).key());
    }

    @Test
    void colocationSetListsItsResources() {
        file(ConfigPids.RESOURCE, "cache");
        file(ConfigPids.CONSTRAINT, "spread", "type", "colocation-set", "resources", "db, cache", "score", "-INFINITY");
        ConfigStore.Result result = store.build();
        assertEquals(List.of(), result.problems());
        assertTrue(result.config().constraints().contains(
                new Constraint.ColocationSet("spread", List.of("db", "cache"), Score.MINUS_INFINITY)));
    }

    @Test
    void colocationSetWithoutResourcesIsRejected() {
        file(ConfigPids.CONSTRAINT, "empty", "type", "colocation-set", "score", "-INFINITY");
        assertEquals(List.of(new ConfigProblem("org.basket.constraint-empty.cfg", "resources",
                "missing: the resources of the set, comma-separated")), store.build().problems());
    }

    @Test
    void colocationSetOfOneResourceIsRejectedByTheValidator() {
        file(ConfigPids.CONSTRAINT, "alone", "type", "colocation-set", "resources", "db", "score", "INFINITY");
        ConfigProblem problem = store.build().problems().get(0);
        assertEquals("org.basket.constraint-alone.cfg", problem.source());
        assertTrue(problem.reason().startsWith("a colocation set needs at least two resources"), problem.reason());
    }

    @Test
    void migratableResourceNeedingOneThatIsNotIsRejectedWithBothNames() {
        file(ConfigPids.RESOURCE, "cache");
        file(ConfigPids.CONSTRAINT, "web-before-cache", "type", "order", "first", "web", "then", "cache");
        List<ConfigProblem> problems = store.build().problems();
        assertEquals(1, problems.size(), problems.toString());
        assertEquals("org.basket.constraint-web-before-cache.cfg", problems.get(0).source());
        assertTrue(problems.get(0).reason().startsWith("'cache' is migratable but depends on 'web', which is not,"
                + " through the mandatory order web-before-cache"), problems.get(0).reason());
    }

    @Test
    void failureTimeoutIsReadInMilliseconds() {
        file(ConfigPids.RESOURCE, "db", "failure.timeout.ms", "600000");
        ConfigStore.Result result = store.build();
        assertEquals(List.of(), result.problems());
        assertEquals(java.time.Duration.ofMinutes(10), result.config().resources().get("db").failureTimeout());
        assertEquals(java.time.Duration.ZERO, result.config().resources().get("web").failureTimeout());
    }

    @Test
    void rankAndOwnStickinessAreReadAndOutOfRangeOnesRejected() {
        file(ConfigPids.RESOURCE, "db", "rank", "2", "stickiness", "0");
        ConfigStore.Result result = store.build();
        assertEquals(List.of(), result.problems());
        Resource db = result.config().resources().get("db");
        assertEquals(2, db.rank());
        assertEquals(0, db.stickinessOr(100), "its own 0, not the manager's");
        Resource web = result.config().resources().get("web");
        assertEquals(0, web.rank());
        assertEquals(100, web.stickinessOr(100), "none of its own: the manager's");
        file(ConfigPids.RESOURCE, "db", "stickiness", "1000001");
        file(ConfigPids.RESOURCE, "web", "rank", "-1");
        file(ConfigPids.RESOURCE, "svc", "kind", "guest-service", "container", "web", "check", "http", "stickiness", "5");
        assertEquals(List.of(
                new ConfigProblem("org.basket.resource-db.cfg", "stickiness", "must be 0 to 1000000 (-1: the manager's"
                        + " resource.stickiness): 1000001 (the previous definition stays in force)"),
                new ConfigProblem("org.basket.resource-web.cfg", "rank", "must not be negative: -1 (the previous"
                        + " definition stays in force)"),
                new ConfigProblem("org.basket.resource-svc.cfg", "stickiness", "a guest service runs where its VM runs:"
                        + " set the VM's")), store.build().problems());
        assertEquals(2, store.build().config().resources().get("db").rank());
    }

    @Test
    void negativeFailureTimeoutIsRejected() {
        file(ConfigPids.RESOURCE, "db", "failure.timeout.ms", "-1");
        assertEquals("failure.timeout.ms", store.build().problems().get(0).key());
    }

    @Test
    void aVmsDriverBansItFromTheHostsOfOtherDriversByARuleOnTheirDriverAttribute() {
        file(ConfigPids.DRIVER, "vc", "type", "vmware");
        file(ConfigPids.HOST, "esx1", "driver", "vc");
        file(ConfigPids.RESOURCE, "db", "cpus", "4", "memory.mb", "8192", "driver", "vc");
        ConfigStore.Result result = store.build();
        assertEquals(List.of(), result.problems());
        assertEquals(Map.of("driver", "vc"), result.config().hosts().get("esx1").attributes());
        assertTrue(result.config().constraints().contains(new Constraint.LocationRule("db:driver", "db", "driver",
                Constraint.AttributeOperation.NE, "vc", Score.MINUS_INFINITY)), result.config().constraints().toString());
        assertEquals(1, result.config().constraints(Constraint.LocationRule.class).size(), "web has no driver: no rule");
    }

    @Test
    void aVmNamingAMissingDriverIsRejectedAndItsPreviousVersionStays() {
        file(ConfigPids.RESOURCE, "db", "cpus", "4", "memory.mb", "8192", "driver", "sim");
        store.build();
        file(ConfigPids.RESOURCE, "db", "cpus", "4", "memory.mb", "8192", "driver", "vc");
        ConfigStore.Result result = store.build();
        assertEquals(List.of(new ConfigProblem("org.basket.resource-db.cfg", "driver", "names driver 'vc', which is "
                + "not configured (an org.basket.driver-vc.cfg) (the previous definition stays in force)")), result.problems());
        assertTrue(result.config().constraints().contains(new Constraint.LocationRule("db:driver", "db", "driver",
                Constraint.AttributeOperation.NE, "sim", Score.MINUS_INFINITY)));
        file(ConfigPids.RESOURCE, "web", "migratable", "true");
        ConfigStore.Result again = store.build();
        assertEquals(result.problems(), again.problems(), "the rejected version never becomes the last good one");
    }

    @Test
    void aHostAttributeNamedDriverAndAGuestServiceWithADriverAreRejected() {
        file(ConfigPids.HOST, "node3", "driver", "sim", "attributes", "driver=kvm");
        file(ConfigPids.RESOURCE, "nginx", "kind", "guest-service", "container", "web", "check", "systemd", "driver", "sim");
        List<ConfigProblem> problems = store.build().problems();
        assertEquals(List.of("attributes: 'driver' is the host's driver endpoint, set by the key driver",
                "driver: a guest service runs where its VM runs: set the VM's driver"),
                problems.stream().map(p -> p.key() + ": " + p.reason()).sorted().toList());
    }

    private void file(String factoryPid, String name, String... keyValues) {
        Map<String, Object> raw = ConfigFiles.properties(factoryPid, name, keyValues);
        raw.put("service.pid", ConfigFiles.pid(factoryPid, name));
        store.update(factoryPid, ConfigFiles.pid(factoryPid, name), raw);
    }
}
