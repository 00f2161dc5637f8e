package org.basket.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.basket.api.cluster.ClusterEvent;
import org.basket.api.model.ClusterState;
import org.basket.driver.sim.SimulatedDatacenter;
import org.basket.driver.sim.internal.SimDriverFactory;
import org.basket.fence.internal.FenceAgentFactory;
import org.basket.testsupport.GoldenFile;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The engine scenario corpus: one test per folder of {@code src/test/resources/engine-scenarios}. Each runs
 * the real manager (loop, observer, executor, silent-host check, guest gateway) on {@link VirtualTime}
 * against the simulated hypervisor, plays the folder's {@code script}, and compares the typed event log
 * with {@code expected-events}. Every case also checks the safety rules: no VM ever active on two hosts
 * (the simulator's record) and no recovery before the fence ({@link ScenarioLog#recoveriesBeforeTheFence}).
 *
 * <pre>
 * mvn -B test -Dtest=EngineScenarioTest                                   the corpus alone
 * mvn -B test -Dtest=EngineScenarioTest -Dscenarios.only=fence            cases whose name contains 'fence'
 * mvn -B test -Dtest=EngineScenarioTest -Dscenarios.update=true           rewrite every expected-events
 * mvn -B test -Dtest=EngineScenarioTest -Dscenarios.messages=true         print each run's events with their texts
 * </pre>
 */
class EngineScenarioTest {
    private static final Path CORPUS = Path.of(System.getProperty("basedir", "."), "src", "test", "resources",
            "engine-scenarios");
    private static final String ONLY = System.getProperty("scenarios.only", "");
    /** Prints each run's events with their texts, to read a case while reviewing it. */
    private static final boolean MESSAGES = Boolean.getBoolean("scenarios.messages");
    private static final Pattern CASE_NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+){2,}");
    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    @TestFactory
    Stream<DynamicTest> scenarios() throws IOException {
        assertTrue(Files.isDirectory(CORPUS), "no engine scenario corpus at " + CORPUS.toAbsolutePath());
        List<Path> cases;
        try (Stream<Path> folders = Files.list(CORPUS)) {
            cases = folders.filter(Files::isDirectory).filter(p -> p.getFileName().toString().contains(ONLY))
                    .sorted().toList();
        }
        assertFalse(cases.isEmpty(), "no case in " + CORPUS.toAbsolutePath());
        return cases.stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), dir.toUri(),
                () -> check(dir)));
    }

    private static void check(Path dir) throws Exception {
        String name = dir.getFileName().toString();
        String where = "engine-scenarios/" + name;
        if (!CASE_NAME.matcher(name).matches()) {
            fail(where + ": name the case by what it shows, in lowercase words joined by dashes (at least three)");
        }
        String actual = run(EngineScenario.read(dir, where), where);
        GoldenFile.check(dir.resolve("expected-events"), actual, where, "run");
    }

    /** Plays the scenario; returns its log; fails on a breach of the safety rules. */
    static String run(EngineScenario scenario, String where) throws InterruptedException {
        VirtualTime time = new VirtualTime(START);
        SimulatedDatacenter world = new SimulatedDatacenter(time);
        ClusterManager manager = new ClusterManager(time);
        scenario.files().forEach(f -> manager.store().update(f.factoryPid(), f.pid(), f.raw()));
        manager.bindDriverFactory(new SimDriverFactory(world));
        manager.bindFenceDeviceFactory(new FenceAgentFactory(), Map.of());
        if (scenario.hasGuestServices()) {
            manager.bindGuestAgents(world.guests(), Map.of());
        }
        List<ScenarioLog.Step> steps = new ArrayList<>();
        List<ClusterEvent> events;
        ClusterState end;
        try {
            manager.start(scenario.manager());
            for (EngineScenario.Step step : scenario.steps()) {
                time.advance(step.at().minus(time.elapsed()));
                steps.add(new ScenarioLog.Step(lastSequence(manager), step.at(), step.command()));
                ScenarioEvents.apply(step.command(), world, manager, where + "/script:" + step.line());
            }
            time.advance(scenario.end().minus(time.elapsed()));
            events = manager.events(2000);
            end = manager.snapshot().state();
        } finally {
            time.stop();
            manager.stop();
        }
        if (MESSAGES) {
            System.out.println(where + ":\n" + events.stream().map(e -> ScenarioLog.time(
                    java.time.Duration.between(START, e.time())) + "  " + e.message()).collect(Collectors.joining("\n")));
        }
        assertEquals(List.of(), world.violations(), where + ": a VM was active on two hosts at once");
        assertEquals(List.of(), ScenarioLog.recoveriesBeforeTheFence(events), where + ": recovered before the fence");
        return new ScenarioLog(START)
                .line("# " + scenario.description())
                .line("# The typed events of the manager on virtual time (kind, host, resource, action, duration) and")
                .line("# the script's steps (>), as EngineScenarioTest wrote them; review a change as code.")
                .add(events, steps)
                .line(ScenarioLog.time(scenario.end()) + "  end")
                .line("hosts:     " + end.hosts().values().stream().map(h -> h.name() + " " + h.state().name()
                        .toLowerCase()).collect(Collectors.joining(", ")))
                .line("resources: " + end.resources().values().stream().map(r -> r.name() + " "
                        + (r.activeOn().isEmpty() ? "stopped" : "on " + String.join("+", r.activeOn())))
                        .collect(Collectors.joining(", ")))
                .text();
    }

    private static long lastSequence(ClusterManager manager) {
        List<ClusterEvent> last = manager.events(1);
        return last.isEmpty() ? 0 : last.get(0).sequence();
    }
}
