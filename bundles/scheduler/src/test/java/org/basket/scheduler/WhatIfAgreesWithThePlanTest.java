package org.basket.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import org.basket.api.model.Capacity;
import org.basket.api.model.ClusterConfig;
import org.basket.api.model.ClusterState;
import org.basket.api.model.Constraint;
import org.basket.api.model.Host;
import org.basket.api.model.HostState;
import org.basket.api.model.HostStatus;
import org.basket.api.model.Operations;
import org.basket.api.model.Resource;
import org.basket.api.model.ResourceKind;
import org.basket.api.model.ResourceStatus;
import org.basket.api.model.Score;
import org.junit.jupiter.api.Test;

/**
 * What ha:explain picks and what ha:simulate shows with no events equal the plan made from the same input, for
 * every scenario of the corpus and for random clusters, with each placement strategy and with migration limits.
 */
class WhatIfAgreesWithThePlanTest {
    private static final List<SchedulerOptions> OPTIONS = List.of(
            new SchedulerOptions(100, PlacementStrategy.BALANCED, 0, 0),
            new SchedulerOptions(100, PlacementStrategy.MINIMAL, 2, 8),
            new SchedulerOptions(0, PlacementStrategy.FIRST_FIT, 1, 1),
            new SchedulerOptions(500, PlacementStrategy.BALANCED, 1, 3));

    @Test
    void everyScenarioOfTheCorpus() throws IOException {
        Path corpus = Path.of(System.getProperty("basedir", "."), "src", "test", "resources", "scenarios");
        List<Path> cases;
        try (Stream<Path> folders = Files.list(corpus)) {
            cases = folders.filter(p -> Files.isRegularFile(p.resolve("input.yaml"))).sorted().toList();
        }
        int checked = 0;
        for (Path dir : cases) {
            ScenarioReader.Scenario scenario = ScenarioReader.read(dir.resolve("input.yaml"), dir.getFileName().toString());
            if (!new ConfigValidator().validate(scenario.config()).isEmpty()) {
                continue; // the loop plans only a configuration without rejected constraints
            }
            for (SchedulerOptions options : withScenarios(scenario.options())) {
                checked += agree(new PlanInput(scenario.config(), scenario.state(), scenario.now(), options),
                        dir.getFileName() + " " + options);
            }
        }
        assertTrue(checked > 1000, "checked " + checked);
    }

    @Test
    void randomClusters() {
        for (long seed = 1; seed <= 200; seed++) {
            Random random = new Random(seed);
            Instant now = Instant.parse("2026-06-01T12:00:00Z");
            PlanInput cluster = randomCluster(random, now);
            for (SchedulerOptions options : OPTIONS) {
                agree(new PlanInput(cluster.config(), cluster.state(), now, options), "seed " + seed + " " + options);
            }
        }
    }

    private static List<SchedulerOptions> withScenarios(SchedulerOptions own) {
        List<SchedulerOptions> all = new ArrayList<>(OPTIONS);
        all.add(own);
        return all;
    }

    /** @return how many resources were compared */
    private static int agree(PlanInput input, String where) {
        Scheduler scheduler = new Scheduler();
        Plan plan = input.plan(scheduler);
        assertEquals(plan.transition(), new Simulation(scheduler).run(input, List.of()).transition(), where);
        Explainer explainer = new Explainer();
        for (String resource : input.config().resources().keySet()) {
            assertEquals(plan.hostOf(resource).orElse(""), explainer.explain(input, resource).picked(),
                    where + ", " + resource);
        }
        return input.config().resources().size();
    }

    /** 3-6 hosts (one maybe standby), 4-16 VMs of random sizes running somewhere or stopped, with expiring failures. */
    private static PlanInput randomCluster(Random random, Instant now) {
        List<Host> hosts = new ArrayList<>();
        List<HostStatus> hostStates = new ArrayList<>();
        int hostCount = 3 + random.nextInt(4);
        for (int h = 1; h <= hostCount; h++) {
            hosts.add(new Host("node" + h, "sim", "", Map.of()));
            HostState state = random.nextInt(8) == 0 ? HostState.STANDBY : HostState.ONLINE;
            hostStates.add(new HostStatus("node" + h, state, new Capacity(8 + random.nextInt(9), 32_768)));
        }
        List<Resource> vms = new ArrayList<>();
        List<ResourceStatus> statuses = new ArrayList<>();
        int vmCount = 4 + random.nextInt(13);
        for (int v = 1; v <= vmCount; v++) {
            String name = "vm" + v;
            Duration failureTimeout = Duration.ofMinutes(random.nextInt(3) * 10L);
            vms.add(new Resource(name, ResourceKind.VIRTUAL_MACHINE, name, new Capacity(1 + random.nextInt(4),
                    1024L * (1 + random.nextInt(8))), random.nextInt(4) != 0, random.nextInt(3), true, "",
                    1 + random.nextInt(2), failureTimeout, Operations.DEFAULTS));
            String host = "node" + (1 + random.nextInt(hostCount));
            Map<String, Integer> failures = random.nextInt(3) == 0 ? Map.of(host, 1 + random.nextInt(2)) : Map.of();
            Map<String, Instant> when = failures.isEmpty() ? Map.of()
                    : Map.of(host, now.minus(Duration.ofMinutes(random.nextInt(30))));
            List<String> on = random.nextInt(4) == 0 ? List.of() : List.of(host);
            statuses.add(new ResourceStatus(name, on, "", failures, false, when));
        }
        List<Constraint> constraints = new ArrayList<>();
        if (vmCount > 3) {
            constraints.add(new Constraint.Colocation("apart", "vm1", "vm2", Score.MINUS_INFINITY));
            constraints.add(new Constraint.Order("vm3-first", "vm3", "vm4", random.nextBoolean()));
        }
        return PlanInput.of(ClusterConfig.of(hosts, vms, constraints), ClusterState.of(hostStates, statuses));
    }
}
