package org.basket.agent.monitors.tcp;

import static org.basket.agent.monitors.Definitions.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.basket.agent.monitors.LoopbackHttpServer;
import org.basket.api.monitor.ServiceDefinition;
import org.basket.api.monitor.ServiceHealth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TcpMonitorTest {

    @TempDir
    Path dir;

    private final TcpMonitor monitor = new TcpMonitor();

    @Test
    void anAcceptingPortIsOkAndARefusingOneNotRunning() throws Exception {
        try (LoopbackHttpServer server = new LoopbackHttpServer(dir).start()) {
            ServiceDefinition web = service("web", "tcp", "port", Integer.toString(server.port()), "timeout.ms", "2000");
            assertEquals(ServiceHealth.OK, monitor.check(web).health());

            server.kill();

            assertEquals(ServiceHealth.NOT_RUNNING, monitor.check(web).health());
        }
    }

    @Test
    void validationNamesTheBadParameter() {
        assertEquals("service 'web' (tcp): key 'port': missing required key", assertThrows(IllegalArgumentException.class,
                () -> monitor.validate(service("web", "tcp"))).getMessage());
        assertEquals("service 'web' (tcp): key 'port': must be from 1 to 65535: '70000'",
                assertThrows(IllegalArgumentException.class,
                        () -> monitor.validate(service("web", "tcp", "port", "70000"))).getMessage());
        assertEquals(UnsupportedOperationException.class, assertThrows(RuntimeException.class,
                () -> monitor.start(service("web", "tcp", "port", "80"))).getClass());
    }
}
