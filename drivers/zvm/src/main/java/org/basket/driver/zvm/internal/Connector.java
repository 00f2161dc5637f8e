package org.basket.driver.zvm.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import javax.net.ssl.SSLException;

import org.basket.api.driver.DriverException;
import org.basket.driver.http.BoundedBody;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One member's z/VM Cloud Connector, through Feilong's REST API: a token from {@code POST /token} (header
 * {@code X-Admin-Token}, answered in {@code X-Auth-Token}) on every request; a 401 (expired or revoked token) gets a
 * new token and the request once more: the connector checks the token before it does anything, so the retry is safe
 * for actions too. A read that gets no answer is tried once more; an action is never repeated after a lost answer.
 * Answers are bounded in size. The admin and auth tokens are never part of a message.
 */
final class Connector {
    static final int MAX_ANSWER_BYTES = 8 * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String endpoint;
    private final ZvmSettings.Member member;
    private final HttpClient http;
    private final Duration callTimeout;
    private volatile String token;

    Connector(String endpoint, ZvmSettings.Member member, HttpClient http, Duration callTimeout) {
        this.endpoint = endpoint;
        this.member = member;
        this.http = http;
        this.callTimeout = callTimeout;
    }

    String system() {
        return member.system();
    }

    /** "z/VM endpoint 'z', member ZVM1 (https://...)": where a message comes from. */
    String where() {
        return "z/VM endpoint '" + endpoint + "', member " + member.system() + " (" + member.url() + ")";
    }

    /** The {@code output} of a GET. */
    JsonNode get(String path, String what) throws DriverException {
        return call("GET", path, null, what, callTimeout, true);
    }

    /** The {@code output} of a POST of {@code body} (a JSON object); not repeated when its answer is lost. */
    JsonNode post(String path, Object body, String what, Duration timeout) throws DriverException {
        return call("POST", path, body, what, timeout, false);
    }

    private JsonNode call(String method, String path, Object body, String what, Duration timeout, boolean idempotent)
            throws DriverException {
        String text = where() + ": " + what;
        Answer answer;
        try {
            answer = send(method, path, body, timeout, text);
        } catch (NoAnswer e) {
            if (!idempotent) {
                throw new DriverException(text + ": " + e.getMessage() + " (not repeated: it may or may not have been done)", e);
            }
            answer = sendOrFail(method, path, body, timeout, text);
        }
        if (answer.status == 401) {
            token = null;
            answer = sendOrFail(method, path, body, timeout, text);
            if (answer.status == 401) {
                throw new DriverException(text + ": refused (HTTP 401) with a token just issued");
            }
        }
        return outputOf(answer, text);
    }

    private Answer sendOrFail(String method, String path, Object body, Duration timeout, String text) throws DriverException {
        try {
            return send(method, path, body, timeout, text);
        } catch (NoAnswer e) {
            throw new DriverException(text + ": " + e.getMessage(), e);
        }
    }

    private Answer send(String method, String path, Object body, Duration timeout, String text) throws DriverException, NoAnswer {
        HttpRequest.Builder request = request(path, timeout).header("X-Auth-Token", token(text));
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json(body)));
        }
        return exchange(request.build(), text);
    }

    /** The current token, or a new one; a token request without an answer fails here: the request itself was not sent. */
    private String token(String text) throws DriverException {
        String current = token;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (token == null) {
                Answer answer;
                try {
                    answer = exchange(request("/token", callTimeout).header("X-Admin-Token", member.adminToken())
                            .POST(HttpRequest.BodyPublishers.noBody()).build(), text);
                } catch (NoAnswer e) {
                    throw new DriverException(text + ": no token (POST /token): " + e.getMessage(), e);
                }
                if (answer.status == 401) {
                    throw new DriverException(where() + ": the connector refused the admin token (HTTP 401): check key "
                            + "admin.token (or member." + member.system() + ".admin.token)");
                }
                String issued = answer.token;
                if (answer.status != 200 || issued == null || issued.isBlank()) {
                    throw new DriverException(where() + ": POST /token answered HTTP " + answer.status + " without X-Auth-Token");
                }
                token = issued;
            }
            return token;
        }
    }

    private HttpRequest.Builder request(String path, Duration timeout) {
        return HttpRequest.newBuilder(URI.create(stripSlash(member.url().toString()) + path)).timeout(timeout)
                .header("Accept", "application/json");
    }

    private Answer exchange(HttpRequest request, String text) throws DriverException, NoAnswer {
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                byte[] bytes = BoundedBody.read(in, MAX_ANSWER_BYTES, "answer");
                return new Answer(response.statusCode(), new String(bytes, StandardCharsets.UTF_8),
                        response.headers().firstValue("X-Auth-Token").orElse(null));
            }
        } catch (BoundedBody.TooLarge e) {
            throw new DriverException(text + ": " + e.getMessage() + ", refused", e);
        } catch (HttpConnectTimeoutException e) {
            throw new NoAnswer("no connection within the connect timeout", e);
        } catch (HttpTimeoutException e) {
            throw new NoAnswer("no answer within " + request.timeout().map(Duration::toMillis).orElse(0L) + " ms", e);
        } catch (ConnectException e) {
            throw new NoAnswer("connection refused or unreachable", e);
        } catch (SSLException e) {
            throw new DriverException(text + ": TLS failed (is the connector's certificate in the truststore?): " + e.getMessage(), e);
        } catch (IOException e) {
            throw new NoAnswer("no answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DriverException(text + ": interrupted", e);
        }
    }

    private static JsonNode outputOf(Answer answer, String text) throws DriverException {
        JsonNode body;
        try {
            body = answer.body.isBlank() ? JSON.createObjectNode() : JSON.readTree(answer.body);
        } catch (IOException e) {
            throw new DriverException(text + ": HTTP " + answer.status + " with a body that is not JSON", e);
        }
        int overall = body.path("overallRC").asInt(answer.status == 200 ? 0 : -1);
        if (answer.status != 200 || overall != 0) {
            throw new FeilongError(text, answer.status, overall, body.path("rc").asInt(-1), body.path("rs").asInt(-1),
                    body.path("errmsg").asText(""));
        }
        return body.path("output");
    }

    private static String json(Object body) throws DriverException {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new DriverException("cannot write request: " + e.getMessage(), e);
        }
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private record Answer(int status, String body, String token) {
    }

    /** No answer came: the request may or may not have reached the connector. */
    private static final class NoAnswer extends Exception {
        private static final long serialVersionUID = 1L;

        NoAnswer(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
