package org.basket.agent.monitors.http;

import static org.awaitility.Awaitility.await;
import static org.basket.agent.monitors.Definitions.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.basket.agent.monitors.LoopbackHttpServer;
import org.basket.api.monitor.CheckResult;
import org.basket.api.monitor.ServiceHealth;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real python3 HTTPS server with a certificate made by openssl for 127.0.0.1. */
class HttpsMonitorTest {

    @TempDir
    Path dir;

    private final HttpMonitor monitor = new HttpMonitor();
    private Process server;
    private String url;

    @BeforeEach
    void startHttpsServer() throws Exception {
        run("/usr/bin/openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
                "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", dir.resolve("key.pem").toString(),
                "-out", dir.resolve("cert.pem").toString());
        Files.writeString(dir.resolve("index.html"), LoopbackHttpServer.BODY);
        Path script = dir.resolve("https_server.py");
        try (InputStream in = getClass().getResourceAsStream("https_server.py")) {
            Files.copy(in, script);
        }
        int port = LoopbackHttpServer.freePort();
        server = new ProcessBuilder(LoopbackHttpServer.PYTHON, script.toString(), Integer.toString(port), dir.toString(),
                dir.resolve("cert.pem").toString(), dir.resolve("key.pem").toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        await().atMost(Duration.ofSeconds(20)).until(() -> listening(port));
        url = "https://127.0.0.1:" + port + "/";
    }

    @AfterEach
    void stopHttpsServer() throws InterruptedException {
        server.destroyForcibly().waitFor();
    }

    @Test
    void aServerWithTheTrustedCertificateIsOk() {
        CheckResult result = monitor.check(service("web", "http", "url", url, "body.regex", LoopbackHttpServer.BODY,
                "ca.file", dir.resolve("cert.pem").toString()));

        assertEquals(ServiceHealth.OK, result.health(), result.message());
    }

    @Test
    void anUntrustedCertificateFails() {
        CheckResult result = monitor.check(service("web", "http", "url", url));

        assertEquals(ServiceHealth.FAILED, result.health());
        assertTrue(result.message().contains("SSLHandshakeException"), result.message());
    }

    @Test
    void aCaFileThatIsNotThereIsAClearError() {
        assertEquals("service 'web' (http): key 'ca.file': /nonexistent/ca.pem is not a readable file",
                assertThrows(IllegalArgumentException.class, () -> monitor.validate(
                        service("web", "http", "url", url, "ca.file", "/nonexistent/ca.pem"))).getMessage());
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertEquals(0, process.waitFor(), String.join(" ", command));
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
