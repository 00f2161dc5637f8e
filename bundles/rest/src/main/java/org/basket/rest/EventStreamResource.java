package org.basket.rest;

import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.sse.Sse;
import javax.ws.rs.sse.SseEventSink;

/** GET /api/events/stream: the cluster's events as Server-Sent Events (see {@link EventStream}). */
@Path("/events/stream")
public final class EventStreamResource {
    private final EventStream stream;

    public EventStreamResource(EventStream stream) {
        this.stream = stream;
    }

    /** {@code Last-Event-ID} (or {@code lastEventId}, for a first connection) resumes after that id. */
    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void stream(@Context SseEventSink sink, @Context Sse sse, @HeaderParam("Last-Event-ID") String header,
            @QueryParam("lastEventId") String query) {
        String last = header != null ? header : query;
        stream.open(sink, sse, Params.whole(header != null ? "Last-Event-ID" : "lastEventId", last, -1, -1,
                Long.MAX_VALUE));
    }
}
