package org.basket.northbound.prometheus;

import java.io.IOException;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/** The HTTP endpoint Prometheus scrapes (/metrics), the client library's own server on the JDK's HTTP server. */
final class MetricsEndpoint implements AutoCloseable {
    private final HTTPServer server;
    private final PrometheusSettings settings;

    private MetricsEndpoint(HTTPServer server, PrometheusSettings settings) {
        this.server = server;
        this.settings = settings;
    }

    static MetricsEndpoint open(PrometheusSettings settings, PrometheusRegistry registry) throws IOException {
        HTTPServer server = HTTPServer.builder().inetAddress(settings.bindAddress()).port(settings.port())
                .registry(registry).buildAndStart();
        return new MetricsEndpoint(server, settings);
    }

    PrometheusSettings settings() {
        return settings;
    }

    int port() {
        return server.getPort();
    }

    String address() {
        return settings.bindAddress().getHostAddress() + ":" + port();
    }

    @Override
    public void close() {
        server.close();
    }
}
