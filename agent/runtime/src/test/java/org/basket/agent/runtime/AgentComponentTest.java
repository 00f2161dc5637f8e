package org.basket.agent.runtime;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.basket.agent.monitors.tcp.TcpMonitor;
import org.basket.api.monitor.ServiceMonitor;
import org.basket.testsupport.LogFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DS component built by hand: settings from Config Admin's properties, the last good ones kept on a bad value. */
class AgentComponentTest {
    private static final String FILE = "file:/opt/basket-agent/etc/org.basket.agent.cfg";

    @TempDir
    Path dir;

    private final AgentComponent component = new AgentComponent();

    @AfterEach
    void deactivate() {
        component.deactivate();
    }

    private Map<String, Object> properties(String... keysAndValues) {
        Map<String, Object> properties = new HashMap<>(Map.of("component.name", "org.basket.agent.runtime.AgentComponent",
                "felix.fileinstall.filename", FILE, "enrol.file", dir.resolve("enrol.cfg").toString(),
                "state.dir", dir.resolve("state").toString()));
        for (int i = 0; i < keysAndValues.length; i += 2) {
            properties.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return properties;
    }

    @Test
    void aBadValueIsLoggedWithKeyAndFileAndTheLastGoodSettingsStay() throws Exception {
        component.bindMonitor(new TcpMonitor(), Map.of(ServiceMonitor.TYPE_PROPERTY, TcpMonitor.TYPE));
        component.activate(properties("heartbeat.interval.ms", "2000"));
        AgentSettings good = component.settings();
        assertEquals(Duration.ofSeconds(2), good.heartbeatInterval());
        await().atMost(Duration.ofSeconds(10)).until(() -> LogFile.contains("the enrolment file " + dir.resolve("enrol.cfg")
                + " does not exist"));

        component.modified(properties("heartbeat.interval.ms", "soon"));

        assertSame(good, component.settings());
        assertTrue(LogFile.contains("Agent settings rejected, the last good ones stay: org.basket.agent.cfg"
                + ": key 'heartbeat.interval.ms': not a whole number: 'soon'"));

        component.modified(properties("heartbeat.interval.ms", "3000"));
        assertEquals(Duration.ofSeconds(3), component.settings().heartbeatInterval());
    }
}
