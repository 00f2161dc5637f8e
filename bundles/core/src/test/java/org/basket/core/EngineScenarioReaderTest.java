package org.basket.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.basket.core.config.ConfigPids;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine scenarios' files: read as written, and every mistake named with its file and line. */
class EngineScenarioReaderTest {
    private static final String CLUSTER = "manager settle.ms=0\nhost node1 node2 driver=sim\n";
    @TempDir
    Path dir;

    @Test
    void readsTheClusterLinesAndTheTimedSteps() throws IOException {
        EngineScenario scenario = read(CLUSTER, "# a host dies\n# and is fenced\nt=0 crash host node1\nt=2.5s fence node1 fails\n"
                + "t=5000ms power on node1\nt=1m end\n");
        assertEquals("a host dies and is fenced", scenario.description());
        assertEquals(Map.of("settle.ms", "0"), scenario.manager());
        assertEquals(List.of("node1", "node2"), scenario.files().stream().map(EngineScenario.File::name).toList());
        assertEquals(ConfigPids.HOST, scenario.files().get(0).factoryPid());
        assertEquals("sim", scenario.files().get(1).raw().get("driver"));
        assertEquals(List.of(Duration.ZERO, Duration.ofMillis(2500), Duration.ofSeconds(5)), scenario.steps().stream()
                .map(EngineScenario.Step::at).toList());
        assertEquals(Duration.ofMinutes(1), scenario.end());
    }

    @Test
    void mistakesNameTheFileAndTheLine() {
        assertEquals("x/script:3: steps go forward in time", error(CLUSTER, "# d\nt=3s power on node1\nt=2s crash host node1\n"));
        assertEquals("x/script: ends with 't=... end', the time the run stops", error(CLUSTER, "# d\nt=1s crash host node1\n"));
        assertEquals("x/script: begins with comment lines saying what the case shows", error(CLUSTER, "t=1s end\n"));
        assertEquals("x/script:2: expected 't=<time> <event>' (time: 0, 500ms, 2.5s, 1m), found 'at 5s crash host node1'",
                error(CLUSTER, "# d\nat 5s crash host node1\n"));
        assertEquals("x/cluster:1: 'vm' is not one of manager, constraint, driver, fence, host, resource",
                error("vm db cpus=2\n", "# d\nt=1s end\n"));
        assertEquals("x/cluster:1: 'node2' is neither a name (before the keys) nor key=value",
                error("host node1 driver=sim node2\n", "# d\nt=1s end\n"));
    }

    @Test
    void anUnknownEventNamesTheEventsThereAre() {
        EngineScenario.InputException e = assertThrows(EngineScenario.InputException.class,
                () -> ScenarioEvents.apply("reboot host node1", null, null, "x/script:3"));
        assertEquals("x/script:3: unknown event 'reboot host node1' (known: " + ScenarioEvents.HELP + ")", e.getMessage());
    }

    private EngineScenario read(String cluster, String script) throws IOException {
        Files.writeString(dir.resolve("cluster"), cluster);
        Files.writeString(dir.resolve("script"), script);
        return EngineScenario.read(dir, "x");
    }

    private String error(String cluster, String script) {
        return assertThrows(EngineScenario.InputException.class, () -> read(cluster, script)).getMessage();
    }
}
