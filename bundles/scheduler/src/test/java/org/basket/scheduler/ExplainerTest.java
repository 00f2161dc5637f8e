package org.basket.scheduler;

import static org.basket.scheduler.Cluster.cluster;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.basket.api.cluster.Explanation;
import org.basket.api.cluster.Explanation.HostScore;
import org.basket.api.cluster.Explanation.Term;
import org.basket.api.model.Capacity;
import org.basket.api.model.ClusterConfig;
import org.basket.api.model.ClusterState;
import org.basket.api.model.HostState;
import org.basket.api.model.Resource;
import org.basket.api.model.ResourceStatus;
import org.basket.api.model.Score;
import org.junit.jupiter.api.Test;

class ExplainerTest {
    private static final int INF = Score.INFINITY;

    private static Explanation explain(Cluster cluster, String resource) {
        return new Explainer().explain(cluster.config(), cluster.state(), resource);
    }

    @Test
    void stickinessAndLocationMakeTheScores() {
        Explanation e = explain(cluster().hosts("node1", "node2", "node3").vms("vm1")
                .running("vm1", "node2").location("vm1", "node3", 50), "vm1");

        assertEquals(List.of(
                new HostScore("node1", 0, List.of(), 0),
                new HostScore("node2", 100, List.of(new Term("stickiness: runs here", 100)), 0),
                new HostScore("node3", 50, List.of(new Term("location vm1@node3=50", 50)), 0)), e.hosts());
        assertEquals("node2", e.picked());
        assertEquals(List.of("node2"), e.runsOn());
        assertEquals(List.of("node2 has the highest score (100)"), e.notes());
    }

    @Test
    void everyReasonAHostCannotTakeTheResourceIsATerm() {
        Explanation e = explain(cluster()
                .host("node1", HostState.STANDBY).hosts("node2")
                .host("node3", HostState.ONLINE, new Capacity(1, 1024)).hosts("node4")
                .vms("app1", "app4").antiAffinity("app4", "app1")
                .running("app1", "node2").failed("app4", "node4", 3), "app4");

        assertEquals(List.of(
                new HostScore("node1", -INF, List.of(new Term("host is standby", -INF)), 0),
                new HostScore("node2", -INF, List.of(new Term("anti-affinity app4-with-app1=-INFINITY: runs app1", -INF)), 1),
                new HostScore("node3", -INF, List.of(
                        new Term("capacity short: 1 CPU / 1024 MB free, needs 2 CPU / 4096 MB", -INF)), 0),
                new HostScore("node4", -INF, List.of(new Term("failure threshold: 3 failures here (threshold 3)", -INF),
                        new Term("stickiness: failed here", 100)), 0)), e.hosts());
        assertEquals("", e.picked());
        assertEquals(List.of("app1"), e.placedBefore());
        assertEquals(List.of("cannot run anywhere: node1 is standby; node2 runs app1 (app4-with-app1=-INFINITY); "
                + "node3 has 1 CPU / 1024 MB free, needs 2 CPU / 4096 MB; node4 reached the migration threshold "
                + "(3 failures)", "failed on node4, stop there (may still run there)"), e.notes());
    }

    @Test
    void aColocationPartnerPlacedLaterDoesNotCountYet() {
        // web is db's primary (db with web), so web is placed first
        Explanation e = explain(cluster().hosts("node1").vms("web", "db").colocation("db", "web", 500)
                .running("web", "node1"), "web");

        assertEquals(List.of(new HostScore("node1", 100, List.of(new Term("stickiness: runs here", 100),
                new Term("colocation db-with-web=500: db is placed later or not at all", 0)), 0)), e.hosts());
        assertEquals(List.of(), e.placedBefore());
    }

    @Test
    void anAntiAffinityPartnerPlacedLaterIsNamedWithItsHost() {
        Explanation e = explain(cluster().hosts("node1", "node2").vms("a", "b").antiAffinity("a", "b")
                .running("a", "node2").running("b", "node1"), "a");

        assertEquals(List.of(), e.placedBefore());
        assertTrue(e.notes().contains("a never shares a host with b (a-with-b=-INFINITY): b is placed after this turn,"
                + " on node1, so a can never go there while b runs on it"), e.notes().toString());
    }

    @Test
    void aColocationPartnerElsewhereIsNamed() {
        Explanation e = explain(cluster().hosts("node1", "node2")
                .resource(Resource.vm("db", Cluster.VM_SIZE).withPriority(1)).vms("web")
                .colocation("web", "db", 50)
                .running("db", "node1").running("web", "node2"), "web");

        assertEquals(List.of(
                new HostScore("node1", 50, List.of(new Term("colocation web-with-db=50: runs db", 50)), 1),
                new HostScore("node2", 100, List.of(new Term("stickiness: runs here", 100),
                        new Term("colocation web-with-db=50: db runs on node1", 0)), 0)), e.hosts());
        assertEquals("node2", e.picked());
    }

    @Test
    void aTieGoesToTheHostWithTheFewestResourcesThenByName() {
        Explanation e = explain(cluster().hosts("node1", "node2", "node3").vms("vm1", "vm2"), "vm2");

        assertEquals(List.of(0, 0, 0), e.hosts().stream().map(HostScore::score).toList());
        assertEquals(List.of(1, 0, 0), e.hosts().stream().map(HostScore::resident).toList());
        assertEquals("node2", e.picked());
        assertEquals(List.of("vm1"), e.placedBefore());
        assertEquals(List.of("node2 ties at 0 with node1, node3 and has the fewest resources placed before it (0), "
                + "then comes first by name"), e.notes());
    }

    @Test
    void aGuestServiceIsExplainedByItsVm() {
        Explanation e = explain(cluster().hosts("node1", "node2").vms("vm1").guestService("svc1", "vm1")
                .running("vm1", "node2").running("svc1", "node2"), "svc1");

        assertEquals("vm1", e.scoredAs());
        assertEquals("node2", e.picked());
        assertEquals(List.of(100), e.hosts().stream().map(HostScore::score).toList().subList(1, 2));
        assertEquals(List.of("svc1 is a guest service: it runs where its VM vm1 runs; the scores are vm1's",
                "node2 has the highest score (100)"), e.notes());
    }

    @Test
    void aResourceDroppedAfterItsTurnSaysWhy() {
        Explanation e = explain(cluster().hosts("node1").vms("db", "web").order("db", "web")
                .location("db", "node1", Score.MINUS_INFINITY), "web");

        assertEquals("", e.picked());
        assertEquals(List.of("cannot run because db cannot run (db-before-web)", "node1 has the highest score (0)",
                "its turn picked node1, but it is not placed after all: see the notes above"), e.notes());
    }

    @Test
    void aResourceOnAHostInMaintenanceIsNotScored() {
        Explanation e = explain(cluster().host("node1", HostState.MAINTENANCE).hosts("node2").vms("vm1")
                .running("vm1", "node1"), "vm1");

        assertEquals(List.of(), e.hosts());
        assertEquals("node1", e.picked());
        assertEquals(List.of("vm1 stays on node1, which is maintenance: Basket leaves it as it is"), e.notes());
    }

    @Test
    void aResourceInMaintenanceIsNotScored() {
        Explanation e = explain(cluster().hosts("node1").vms("vm1")
                .status(new ResourceStatus("vm1", List.of("node1"), "", Map.of(), true)), "vm1");

        assertEquals(List.of(), e.hosts());
        assertEquals(List.of("in maintenance, left as it is"), e.notes());
    }

    @Test
    void anUnknownResourceIsRejectedWithTheConfiguredOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> explain(cluster().hosts("node1").vms("vm1"), "nosuch"));
        assertEquals("unknown resource 'nosuch' (configured: vm1)", e.getMessage());
    }

    /**
     * Over the whole scenario corpus: for every resource placed by score, the terms add up to the placement's own
     * score on every host, the picked host has the highest score, and the plan places the resource there unless a
     * note says why not.
     */
    @Test
    void theTermsAddUpToThePlacementsScoresInEveryScenario() throws IOException {
        Path corpus = Path.of(System.getProperty("basedir", "."), "src", "test", "resources", "scenarios");
        List<Path> cases;
        try (Stream<Path> folders = Files.list(corpus)) {
            cases = folders.filter(p -> Files.isRegularFile(p.resolve("input.yaml"))).sorted().toList();
        }
        assertFalse(cases.isEmpty());
        int explained = 0;
        for (Path dir : cases) {
            ScenarioReader.Scenario scenario = ScenarioReader.read(dir.resolve("input.yaml"), dir.getFileName().toString());
            ClusterConfig config = scenario.config();
            ClusterState state = scenario.state();
            if (!new ConfigValidator().validate(config).isEmpty()) {
                continue; // the manager plans only a configuration without rejected constraints
            }
            Plan plan = new Scheduler(scenario.options()).plan(config, state, scenario.now());
            for (String resource : config.resources().keySet()) {
                Explanation e = new Explainer(scenario.options()).explain(config, state, resource, scenario.now());
                String where = dir.getFileName() + ", " + resource;
                assertEquals(plan.hostOf(resource).orElse(""), e.picked(), where);
                if (e.hosts().isEmpty()) {
                    continue;
                }
                explained++;
                int best = Score.MINUS_INFINITY;
                for (HostScore host : e.hosts()) {
                    int sum = 0;
                    for (Term term : host.terms()) {
                        sum = Score.add(sum, term.score());
                    }
                    assertEquals(host.score(), sum, where + " on " + host.host() + ": " + host.terms());
                    best = Math.max(best, host.score());
                }
                boolean migrationWaits = WhatIf.notesAbout(plan.transition(), resource).stream()
                        .anyMatch(n -> n.contains("moves in a later transition"));
                if (!e.picked().isEmpty() && e.scoredAs().equals(resource) && !migrationWaits) {
                    int picked = e.hosts().stream().filter(h -> h.host().equals(e.picked())).findFirst()
                            .map(HostScore::score).orElseThrow();
                    assertEquals(best, picked, where + ": the picked host has the highest score");
                }
            }
        }
        assertTrue(explained >= 200, "explained " + explained + " resources");
    }
}
