package org.basket.rest;

import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;
import javax.ws.rs.ext.ExceptionMapper;

import org.basket.api.cluster.ProvisioningException;
import org.basket.api.fence.FenceException;
import org.basket.api.monitor.AgentException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every failure of a request as problem details naming what went wrong and the request's path. */
public final class Problems implements ExceptionMapper<Throwable> {
    private static final Logger LOG = LoggerFactory.getLogger(Problems.class);

    @Context
    UriInfo uri;

    @Override
    public Response toResponse(Throwable failure) {
        return problem(failure).response(uri.getRequestUri().getPath());
    }

    static Problem problem(Throwable failure) {
        if (failure instanceof Problem problem) {
            return problem;
        }
        if (failure instanceof WebApplicationException web) {
            int status = web.getResponse().getStatus();
            return new Problem(status, Response.Status.fromStatusCode(status) == null ? "Error"
                    : Response.Status.fromStatusCode(status).getReasonPhrase(), detail(status, web), null);
        }
        if (failure instanceof IllegalArgumentException) {
            return new Problem(400, "Bad request", failure.getMessage(), null);
        }
        if (failure instanceof IllegalStateException) {
            return new Problem(409, "Conflict", failure.getMessage(), null);
        }
        if (failure instanceof AgentException) {
            return new Problem(409, "Conflict", failure.getMessage(), null);
        }
        if (failure instanceof ProvisioningException) {
            return new Problem(502, "Provisioning failed", failure.getMessage(), null);
        }
        if (failure instanceof FenceException) {
            return new Problem(502, "Fencing failed", "fencing failed; the host is not assumed to be off: "
                    + failure.getMessage(), null);
        }
        if (failure instanceof java.io.IOException) {
            LOG.debug("REST answer not written (the client went away?)", failure);
        } else {
            LOG.warn("REST request failed", failure);
        }
        return new Problem(500, "Internal Server Error", failure.getClass().getSimpleName() + ": " + failure.getMessage()
                + " (the manager's log has the details)", null);
    }

    private static String detail(int status, WebApplicationException web) {
        return switch (status) {
            case 404 -> "no such endpoint (GET /api/openapi.json lists them)";
            case 405 -> "method not allowed here (GET /api/openapi.json lists the methods)";
            case 406 -> "this endpoint answers application/json (text/event-stream for the event stream)";
            case 415 -> "unsupported request body type";
            default -> web.getMessage();
        };
    }
}
