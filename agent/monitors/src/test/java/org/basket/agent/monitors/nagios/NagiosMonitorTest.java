package org.basket.agent.monitors.nagios;

import static org.basket.agent.monitors.Definitions.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.basket.agent.monitors.LoopbackHttpServer;
import org.basket.api.monitor.CheckResult;
import org.basket.api.monitor.ServiceDefinition;
import org.basket.api.monitor.ServiceHealth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs Debian's monitoring-plugins-basic against a real HTTP server on loopback. */
class NagiosMonitorTest {

    static final String PLUGINS = "/usr/lib/nagios/plugins/";

    @TempDir
    Path dir;

    private final NagiosMonitor monitor = new NagiosMonitor();

    private ServiceDefinition plugin(String plugin, String args) {
        return service("web", "nagios", "plugin", PLUGINS + plugin, "args", args);
    }

    @Test
    void checkTcpAndCheckHttpAgainstARealServer() throws Exception {
        try (LoopbackHttpServer server = new LoopbackHttpServer(dir).start()) {
            String target = "-H 127.0.0.1 -p " + server.port();
            CheckResult tcp = monitor.check(plugin("check_tcp", target));
            assertEquals(ServiceHealth.OK, tcp.health(), tcp.message());
            assertTrue(tcp.message().startsWith("service 'web' (nagios): TCP OK"), tcp.message());
            assertEquals(ServiceHealth.OK, monitor.check(plugin("check_http", target + " -s " + LoopbackHttpServer.BODY)).health());

            CheckResult wrongBody = monitor.check(plugin("check_http", target + " -s 'not served here'"));
            assertEquals(ServiceHealth.FAILED, wrongBody.health());
            assertTrue(wrongBody.message().contains("CRITICAL"), wrongBody.message());

            server.kill();

            assertEquals(ServiceHealth.FAILED, monitor.check(plugin("check_tcp", target)).health());
        }
    }

    @Test
    void exitCodesMapToHealthsAndTheFirstLineIsTheMessage() {
        assertEquals(new CheckResult(ServiceHealth.OK, "service 'web' (nagios): OK: fine"),
                monitor.check(plugin("check_dummy", "0 fine")));
        assertEquals(new CheckResult(ServiceHealth.WARNING, "service 'web' (nagios): WARNING: slow"),
                monitor.check(plugin("check_dummy", "1 slow")));
        assertEquals(ServiceHealth.FAILED, monitor.check(plugin("check_dummy", "2 down")).health());
        assertEquals(ServiceHealth.UNKNOWN, monitor.check(plugin("check_dummy", "3 unsure")).health());
    }

    @Test
    void aPluginPastItsTimeoutIsKilledAndUnknown() {
        CheckResult result = monitor.check(service("slow", "nagios", "plugin", "/bin/sleep", "args", "300",
                "timeout.ms", "300"));

        assertEquals(new CheckResult(ServiceHealth.UNKNOWN, "service 'slow' (nagios): /bin/sleep killed after 300 ms"), result);
    }

    @Test
    void aMissingPluginIsAClearError() {
        ServiceDefinition missing = plugin("check_nothing", "");

        assertEquals("service 'web' (nagios): key 'plugin': /usr/lib/nagios/plugins/check_nothing "
                + "is not an executable file given by its full path",
                assertThrows(IllegalArgumentException.class, () -> monitor.validate(missing)).getMessage());
        assertEquals(ServiceHealth.UNKNOWN, monitor.check(missing).health());
    }
}
