package org.basket.driver.powervm.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpExchange;

/**
 * How the simulated HMC answers: a body of a content type, or an HttpErrorResponse; or, for a request chosen by
 * {@link #loseNext}, nothing at all (the connection closes without a response, as when the network fails after the HMC
 * acted).
 */
final class HmcAnswers {
    static final String ATOM = "application/atom+xml";

    private final String base;
    private final Set<String> losing = ConcurrentHashMap.newKeySet();
    private final Set<HttpExchange> unanswered = ConcurrentHashMap.newKeySet();

    HmcAnswers(String base) {
        this.base = base;
    }

    /** The next request with this method (GET, PUT) gets no answer. */
    void loseNext(String method) {
        losing.add(method);
    }

    /** Marks this request as to be left unanswered if its method's answer is to be lost. */
    void maybeLose(HttpExchange exchange) {
        if (losing.remove(exchange.getRequestMethod())) {
            unanswered.add(exchange);
        }
    }

    void error(HttpExchange exchange, int status, String reason, String message) throws IOException {
        send(exchange, status, ATOM, HmcXml.httpError(base, status, exchange.getRequestURI().getPath(), reason, message));
    }

    void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        if (unanswered.remove(exchange)) {
            return;
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
