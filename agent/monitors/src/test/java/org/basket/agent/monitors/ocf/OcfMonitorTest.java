package org.basket.agent.monitors.ocf;

import static org.awaitility.Awaitility.await;
import static org.basket.agent.monitors.Definitions.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.basket.agent.monitors.LoopbackHttpServer;
import org.basket.agent.monitors.http.HttpMonitor;
import org.basket.api.monitor.CheckResult;
import org.basket.api.monitor.ServiceDefinition;
import org.basket.api.monitor.ServiceHealth;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs Debian's resource-agents and pacemaker-resource-agents from /usr/lib/ocf. */
class OcfMonitorTest {

    @TempDir
    Path dir;

    private final OcfMonitor monitor = new OcfMonitor();
    private ServiceDefinition started;

    @AfterEach
    void stopWhatWasStarted() throws IOException {
        if (started != null) {
            monitor.stop(started);
        }
    }

    private ServiceDefinition ocf(String name, String agent, String... more) {
        String[] all = new String[more.length + 4];
        all[0] = "agent";
        all[1] = agent;
        all[2] = "rsctmp";
        all[3] = dir.resolve("rsctmp").toString();
        System.arraycopy(more, 0, all, 4, more.length);
        return service(name, "ocf", all);
    }

    @Test
    void heartbeatDummyStartsMonitorsAndStops() throws IOException {
        ServiceDefinition dummy = ocf("dummy", "heartbeat:Dummy", "param.state", dir.resolve("dummy.state").toString());
        monitor.validate(dummy);
        CheckResult before = monitor.check(dummy);
        assertEquals(ServiceHealth.NOT_RUNNING, before.health());
        assertEquals("service 'dummy' (ocf): ocf:heartbeat:Dummy monitor: OCF_NOT_RUNNING (7, not running)", before.message());

        monitor.start(dummy);
        assertEquals(ServiceHealth.OK, monitor.check(dummy).health());

        monitor.stop(dummy);
        assertEquals(ServiceHealth.NOT_RUNNING, monitor.check(dummy).health());
    }

    @Test
    void anythingRunsARealHttpServerThatIsKilledDetectedAndStartedAgain() throws Exception {
        LoopbackHttpServer server = new LoopbackHttpServer(dir.resolve("www"));
        Path pidfile = dir.resolve("web.pid");
        started = ocf("web", "heartbeat:anything", "param.binfile", LoopbackHttpServer.PYTHON,
                "param.cmdline_options", String.join(" ", server.command().subList(1, server.command().size())),
                "param.pidfile", pidfile.toString(), "param.logfile", dir.resolve("web.log").toString());
        ServiceDefinition http = service("web", "http", "url", server.url());
        HttpMonitor httpMonitor = new HttpMonitor();
        monitor.validate(started);

        monitor.start(started);
        assertEquals(ServiceHealth.OK, monitor.check(started).health());
        server.awaitListening();
        assertEquals(ServiceHealth.OK, httpMonitor.check(http).health());

        long pid = Long.parseLong(Files.readString(pidfile).strip());
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        // the daemon is not our child: its exit shows once PID 1 reaps it; anything's monitor then says 1, not 7
        await().atMost(Duration.ofSeconds(30)).until(() -> monitor.check(started).health() == ServiceHealth.FAILED);
        assertEquals(ServiceHealth.NOT_RUNNING, httpMonitor.check(http).health());

        monitor.start(started);
        assertEquals(ServiceHealth.OK, monitor.check(started).health());
        server.awaitListening();
        assertEquals(ServiceHealth.OK, httpMonitor.check(http).health());
    }

    @Test
    void pacemakerDummyFailingToStartIsAnErrorWithTheOcfCode() {
        ServiceDefinition failing = ocf("flaky", "pacemaker:Dummy", "param.state", dir.resolve("flaky.state").toString(),
                "param.fail_start_on", localHostName());

        IOException e = assertThrows(IOException.class, () -> monitor.start(failing));
        assertEquals("service 'flaky' (ocf): ocf:pacemaker:Dummy start: OCF_ERR_GENERIC (1, generic error)", e.getMessage());
    }

    @Test
    void aHangingAgentIsKilledAtTheTimeoutAndTheCheckIsUnknown() {
        ServiceDefinition slow = ocf("slow", "pacemaker:Dummy", "param.state", dir.resolve("slow.state").toString(),
                "param.op_sleep", "300", "timeout.ms", "500");

        CheckResult result = monitor.check(slow);

        assertEquals(new CheckResult(ServiceHealth.UNKNOWN,
                "service 'slow' (ocf): ocf:pacemaker:Dummy monitor killed after 500 ms"), result);
    }

    @Test
    void validationUsesTheAgentsMetadata() {
        assertEquals("service 'web' (ocf): key 'param.binfile': missing; ocf:heartbeat:anything requires it",
                assertThrows(IllegalArgumentException.class, () -> monitor.validate(ocf("web", "heartbeat:anything")))
                        .getMessage());
        IllegalArgumentException typo = assertThrows(IllegalArgumentException.class,
                () -> monitor.validate(ocf("dummy", "heartbeat:Dummy", "param.stat", "/tmp/x")));
        assertTrue(typo.getMessage().startsWith(
                "service 'dummy' (ocf): key 'param.stat': ocf:heartbeat:Dummy has no such parameter (it has: "),
                typo.getMessage());
        assertEquals("service 'x' (ocf): key 'agent': no executable resource agent at "
                + "/usr/lib/ocf/resource.d/heartbeat/NoSuchAgent (is its package installed?)",
                assertThrows(IllegalArgumentException.class,
                        () -> monitor.validate(ocf("x", "heartbeat:NoSuchAgent"))).getMessage());
        assertEquals(ServiceHealth.UNKNOWN, monitor.check(ocf("x", "heartbeat:NoSuchAgent")).health());
    }

    @Test
    void validateAllRejectsABinaryThatIsNotThere() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> monitor.validate(ocf("web", "heartbeat:anything", "param.binfile", "/nonexistent/daemon")));

        assertTrue(e.getMessage().startsWith("service 'web' (ocf): ocf:heartbeat:anything validate-all: OCF_ERR_"),
                e.getMessage());
    }

    private static String localHostName() {
        try {
            return new String(new ProcessBuilder("uname", "-n").start().getInputStream().readAllBytes()).strip();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
