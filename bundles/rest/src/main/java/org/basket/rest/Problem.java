package org.basket.rest;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.ws.rs.core.Response;

/**
 * An error as RFC 9457 problem details ({@code application/problem+json}): what went wrong ({@code detail}), and where
 * ({@code instance}: the request's path; {@code parameter}: the input at fault, when one is).
 */
public final class Problem extends RuntimeException {
    private static final long serialVersionUID = 1L;
    public static final String MEDIA_TYPE = "application/problem+json";

    private final int status;
    private final String title;
    private final String parameter;
    private String challenge;

    public Problem(int status, String title, String detail, String parameter) {
        super(detail);
        this.status = status;
        this.title = title;
        this.parameter = parameter;
    }

    public static Problem badInput(String parameter, String detail) {
        return new Problem(400, "Bad request", detail, parameter);
    }

    public static Problem unknown(String what, String name, Collection<String> known) {
        return new Problem(404, "Not found", "unknown " + what + " '" + name + "' (configured: " + String.join(", ", known)
                + ")", what);
    }

    /** With a WWW-Authenticate challenge (for 401). */
    public Problem challenge(String scheme) {
        this.challenge = scheme;
        return this;
    }

    /** The response for a request to {@code path}. */
    public Response response(String path) {
        Response.ResponseBuilder response = Response.status(status).type(MEDIA_TYPE).entity(body(path));
        return (challenge == null ? response : response.header("WWW-Authenticate", challenge)).build();
    }

    /** The problem's fields for a request to {@code path}. */
    public Map<String, Object> body(String path) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        body.put("detail", getMessage());
        body.put("instance", path);
        if (parameter != null) {
            body.put("parameter", parameter);
        }
        return body;
    }
}
