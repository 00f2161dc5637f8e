package org.basket.agent.monitors.support;

import static org.basket.agent.monitors.Definitions.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ParametersTest {

    @Test
    void messagesNameTheServiceTheTypeAndTheParameter() {
        Parameters parameters = new Parameters(service("web", "http", "timeout.ms", "soon"));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> parameters.positiveInt("timeout.ms", 5));
        assertEquals("service 'web' (http): parameter 'timeout.ms': 'soon' is not a positive whole number", e.getMessage());
        assertEquals("service 'web' (http): parameter 'url': missing",
                assertThrows(IllegalArgumentException.class, () -> parameters.required("url")).getMessage());
    }

    @Test
    void rejectsUnknownParametersButAcceptsPrefixedOnes() {
        Parameters typo = new Parameters(service("db", "ocf", "agnt", "heartbeat:Dummy"));
        Parameters prefixed = new Parameters(service("db", "ocf", "agent", "heartbeat:Dummy", "param.state", "/tmp/x"));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> typo.allowOnly(Set.of("agent"), "param."));
        assertEquals("service 'db' (ocf): parameter 'agnt': unknown parameter (known: agent, param.*)", e.getMessage());
        assertEquals(Map.of("state", "/tmp/x"), prefixed.allowOnly(Set.of("agent"), "param.").withPrefix("param."));
    }
}
