package org.basket.agent.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

class AgentSettingsTest {
    private static final String FILE = "/opt/basket-agent/etc/org.basket.agent.cfg";

    @Test
    void defaultsComeFromTheEnvironmentThenFixedPaths() {
        AgentSettings fromEnvironment = AgentSettings.defaults(Map.of("BASKET_ENROL_CONFIG", "/tmp/enrol.cfg",
                "BASKET_AGENT_STATE", "/tmp/state"));
        assertEquals(Path.of("/tmp/enrol.cfg"), fromEnvironment.enrolFile());
        assertEquals(Path.of("/tmp/state"), fromEnvironment.stateDirectory());

        AgentSettings fixed = AgentSettings.defaults(Map.of());
        assertEquals(Path.of("/etc/basket-agent/enrol.cfg"), fixed.enrolFile());
        assertEquals(Path.of("/var/lib/basket-agent"), fixed.stateDirectory());
        assertEquals(Duration.ofSeconds(5), fixed.heartbeatInterval());
        assertEquals(Duration.ofSeconds(30), fixed.commandTimeout());
    }

    @Test
    void keysOverrideDefaultsAndForeignKeysAreIgnored() {
        AgentSettings settings = AgentSettings.read(Map.of("state.dir", "/srv/agent", "heartbeat.interval.ms", "2000",
                "service.pid", AgentSettings.PID, "felix.fileinstall.filename", "file:" + FILE,
                "osgi.ds.satisfying.condition.target", "(osgi.condition.id=true)", "component.name", "agent"), Map.of(), FILE);
        assertEquals(Path.of("/srv/agent"), settings.stateDirectory());
        assertEquals(Duration.ofSeconds(2), settings.heartbeatInterval());
    }

    @Test
    void aBadValueOrUnknownKeyNamesTheFileAndTheKey() {
        assertEquals(FILE + ": key 'heartbeat.interval.ms': 'often' is not a positive number of milliseconds",
                assertThrows(IllegalArgumentException.class,
                        () -> AgentSettings.read(Map.of("heartbeat.interval.ms", "often"), Map.of(), FILE)).getMessage());
        assertEquals(FILE + ": key 'state.dir': 'state' is not an absolute path",
                assertThrows(IllegalArgumentException.class,
                        () -> AgentSettings.read(Map.of("state.dir", "state"), Map.of(), FILE)).getMessage());
        assertEquals(FILE + ": key 'manager.silence.ms': must exceed heartbeat.interval.ms",
                assertThrows(IllegalArgumentException.class,
                        () -> AgentSettings.read(Map.of("manager.silence.ms", "1000"), Map.of(), FILE)).getMessage());
        String unknown = assertThrows(IllegalArgumentException.class,
                () -> AgentSettings.read(Map.of("hearbeat.interval.ms", "1000"), Map.of(), FILE)).getMessage();
        assertEquals(FILE + ": key 'hearbeat.interval.ms': unknown key (known: command.timeout.ms, enrol.file, ", unknown.substring(0, unknown.indexOf("enrol.file") + 12));
    }
}
