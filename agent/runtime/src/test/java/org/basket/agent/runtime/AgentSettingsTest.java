package org.basket.agent.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.basket.api.config.ConfigException;
import org.junit.jupiter.api.Test;

class AgentSettingsTest {
    private static final String FILE = "/opt/basket-agent/etc/org.basket.agent.cfg";
    private static final String SOURCE = "org.basket.agent.cfg";

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
    void keysOverrideDefaultsAndForeignKeysAreIgnored() throws ConfigException {
        AgentSettings settings = AgentSettings.read(Map.of("state.dir", "/srv/agent", "heartbeat.interval.ms", "2000",
                "service.pid", AgentSettings.PID, "felix.fileinstall.filename", "file:" + FILE,
                "osgi.ds.satisfying.condition.target", "(osgi.condition.id=true)", "component.name", "agent"), Map.of());
        assertEquals(Path.of("/srv/agent"), settings.stateDirectory());
        assertEquals(Duration.ofSeconds(2), settings.heartbeatInterval());
    }

    @Test
    void aBadValueOrUnknownKeyNamesTheFileTheKeyAndTheValue() {
        assertEquals(SOURCE + ": key 'heartbeat.interval.ms': not a whole number: 'often'", refusal("heartbeat.interval.ms", "often"));
        assertEquals(SOURCE + ": key 'state.dir': not an absolute path: 'state'", refusal("state.dir", "state"));
        assertEquals(SOURCE + ": key 'manager.silence.ms': must be from 5001 up: '1000'", refusal("manager.silence.ms", "1000"));
        assertEquals(SOURCE + ": key 'hearbeat.interval.ms': unknown key (known keys: command.timeout.ms, enrol.file, "
                + "enrol.retry.max.ms, enrol.retry.min.ms, heartbeat.interval.ms, manager.silence.ms, reconnect.max.ms, "
                + "reconnect.min.ms, state.dir)", refusal("hearbeat.interval.ms", "1000"));
    }

    @Test
    void everyBadKeyIsNamedAtOnce() {
        ConfigException e = assertThrows(ConfigException.class, () -> AgentSettings.read(Map.of("reconnect.min.ms", "0",
                "enrol.retry.min.ms", "9000", "enrol.retry.max.ms", "8000"), Map.of()));
        assertEquals("must be from 1 up: '0'; key 'enrol.retry.max.ms': must be from 9000 up: '8000'", e.getMessage());
    }

    private static String refusal(String key, String value) {
        Map<String, Object> properties = Map.of(key, value, "felix.fileinstall.filename", "file:" + FILE);
        ConfigException e = assertThrows(ConfigException.class, () -> AgentSettings.read(properties, Map.of()));
        return e.describe(AgentSettings.source(properties));
    }
}
