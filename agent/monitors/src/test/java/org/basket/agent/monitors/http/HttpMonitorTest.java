package org.basket.agent.monitors.http;

import static org.awaitility.Awaitility.await;
import static org.basket.agent.monitors.Definitions.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import org.basket.agent.monitors.LoopbackHttpServer;
import org.basket.api.monitor.CheckResult;
import org.basket.api.monitor.ServiceDefinition;
import org.basket.api.monitor.ServiceHealth;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpMonitorTest {

    @TempDir
    Path dir;

    private final HttpMonitor monitor = new HttpMonitor();
    private ServiceDefinition controlled;

    @AfterEach
    void stopControlledServer() throws IOException {
        if (controlled != null) {
            monitor.stop(controlled);
        }
    }

    @Test
    void statusAndBodyAreChecked() throws Exception {
        try (LoopbackHttpServer server = new LoopbackHttpServer(dir).start()) {
            CheckResult ok = monitor.check(service("web", "http", "url", server.url(), "body.regex", "basket-o."));
            assertEquals(ServiceHealth.OK, ok.health(), ok.message());
            assertEquals("service 'web' (http): GET " + server.url() + ": status 200", ok.message());

            CheckResult wrongBody = monitor.check(service("web", "http", "url", server.url(), "body.regex", "welcome"));
            assertEquals(ServiceHealth.FAILED, wrongBody.health());
            assertEquals("service 'web' (http): GET " + server.url() + ": body does not match 'welcome'", wrongBody.message());

            CheckResult missing = monitor.check(service("web", "http", "url", server.url() + "missing"));
            assertEquals(ServiceHealth.FAILED, missing.health());
            assertTrue(missing.message().endsWith("status 404, expected [200]"), missing.message());
            assertEquals(ServiceHealth.OK, monitor.check(service("web", "http", "url", server.url() + "missing",
                    "expect.status", "404")).health());
        }
    }

    @Test
    void killedServerIsDetectedAndTheStartCommandBringsItBack() throws Exception {
        LoopbackHttpServer server = new LoopbackHttpServer(dir.resolve("www"));
        Path pidfile = dir.resolve("web.pid");
        controlled = service("web", "http", "url", server.url(), "body.regex", LoopbackHttpServer.BODY,
                "start", server.commandLine() + " >/dev/null 2>&1 & echo $! > " + pidfile,
                "stop", "kill $(cat " + pidfile + ")");
        monitor.start(controlled);
        await().atMost(Duration.ofSeconds(20)).until(() -> monitor.check(controlled).health() == ServiceHealth.OK);

        new ProcessBuilder("/bin/sh", "-c", "kill -9 $(cat " + pidfile + ")").start().waitFor();
        await().atMost(Duration.ofSeconds(20)).until(() -> monitor.check(controlled).health() == ServiceHealth.NOT_RUNNING);

        monitor.start(controlled);
        await().atMost(Duration.ofSeconds(20)).until(() -> monitor.check(controlled).health() == ServiceHealth.OK);
    }

    @Test
    void aServerThatNeverAnswersFailsAtTheTimeout() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            String url = "http://127.0.0.1:" + silent.getLocalPort() + "/";

            CheckResult result = monitor.check(service("web", "http", "url", url, "timeout.ms", "300"));

            assertEquals(ServiceHealth.FAILED, result.health());
            assertTrue(result.message().contains("in 300 ms"), result.message());
        }
    }

    @Test
    void validationNamesTheBadParameter() {
        assertEquals("service 'web' (http): key 'url': not an http:// or https:// URL with a host: 'ftp://host/'",
                assertThrows(IllegalArgumentException.class,
                        () -> monitor.validate(service("web", "http", "url", "ftp://host/"))).getMessage());
        assertEquals("service 'web' (http): key 'expect.status': not a comma-separated list of HTTP statuses: 'ok'",
                assertThrows(IllegalArgumentException.class, () -> monitor.validate(
                        service("web", "http", "url", "http://127.0.0.1/", "expect.status", "ok"))).getMessage());
    }
}
