package org.basket.agent.monitors.support;

import static org.basket.agent.monitors.Definitions.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;

import org.basket.api.config.KeyPatterns;
import org.junit.jupiter.api.Test;

class ParametersTest {

    @interface Probe {
        String url();

        int timeout_ms() default 5_000;
    }

    @KeyPatterns("param\\..+")
    @interface Agent {
        String agent();
    }

    @Test
    void messagesNameTheServiceTheTypeTheParameterAndTheValue() {
        Parameters parameters = new Parameters(service("web", "http", "timeout.ms", "soon"));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parameters.read(Probe.class));
        assertEquals("service 'web' (http): key 'timeout.ms': not a whole number: 'soon'; key 'url': missing required key",
                e.getMessage());
        assertEquals("service 'web' (http): key 'timeout.ms': must be from 1 up: '0'",
                assertThrows(IllegalArgumentException.class, () -> parameters.positive("timeout.ms", 0)).getMessage());
    }

    @Test
    void rejectsUnknownParametersButAcceptsTheSharedAndPatternedOnes() {
        Parameters typo = new Parameters(service("db", "ocf", "agnt", "heartbeat:Dummy"));
        Parameters prefixed = new Parameters(service("db", "ocf", "agent", "heartbeat:Dummy", "param.state", "/tmp/x",
                "start", "/bin/true"));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> typo.read(Agent.class));
        assertEquals("service 'db' (ocf): key 'agnt': unknown key (known keys: agent, and keys matching param\\..+);"
                + " key 'agent': missing required key", e.getMessage());
        assertEquals("heartbeat:Dummy", prefixed.read(Agent.class, ControlConfig.class).agent());
        assertEquals("/bin/true", prefixed.readShared(ControlConfig.class).start());
        assertEquals(Map.of("state", "/tmp/x"), prefixed.withPrefix("param."));
    }
}
