package org.basket.northbound.prometheus;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Prometheus server (Debian's {@code prometheus}) started by a test on a free loopback port, scraping one
 * target every second, asked through its HTTP API.
 */
final class PrometheusServer implements AutoCloseable {
    private static final Pattern SCALAR = Pattern.compile("\"result\":\\[\\{\"metric\":\\{[^}]*\\},\"value\":\\[[0-9.]+,\"([^\"]+)\"\\]\\}\\]");
    private final Process process;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private PrometheusServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts Prometheus with its data and log in {@code dir}, scraping {@code target} (HOST:PORT), and waits until it is ready. */
    static PrometheusServer start(Path dir, String target) throws IOException, InterruptedException {
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, """
                global:
                  scrape_interval: 1s
                  scrape_timeout: 1s
                scrape_configs:
                  - job_name: basket
                    static_configs:
                      - targets: ['%s']
                """.formatted(target));
        int port = freePort();
        Process process = new ProcessBuilder("prometheus", "--config.file=" + config, "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port, "--log.level=warn")
                .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        PrometheusServer server = new PrometheusServer(process, port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!server.ready()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                server.close();
                throw new IOException("Prometheus did not start: " + Files.readString(dir.resolve("prometheus.log")));
            }
            Thread.sleep(100);
        }
        return server;
    }

    /** The value of a PromQL expression that gives one series, if it gives one. */
    Optional<Double> value(String expression) throws IOException, InterruptedException {
        String body = get("/api/v1/query?query=" + URLEncoder.encode(expression, StandardCharsets.UTF_8));
        Matcher matcher = SCALAR.matcher(body);
        return matcher.find() ? Optional.of(Double.parseDouble(matcher.group(1))) : Optional.empty();
    }

    /** Whether Prometheus' last scrape of the target succeeded. */
    boolean targetUp() throws IOException, InterruptedException {
        return value("up{job=\"basket\"}").orElse(0.0) == 1.0;
    }

    private boolean ready() throws InterruptedException {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/-/ready")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        }
    }

    private String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("Prometheus answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
