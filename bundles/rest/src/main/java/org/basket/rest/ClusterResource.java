package org.basket.rest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;

import org.basket.api.cluster.ClusterEvent;
import org.basket.api.cluster.ClusterService;
import org.basket.api.cluster.ClusterSnapshot;
import org.basket.api.cluster.EventKind;
import org.basket.api.cluster.History;
import org.basket.shell.view.ClusterView;
import org.basket.shell.view.EventView;
import org.basket.shell.view.HistoryView;
import org.basket.shell.view.ProgressView;

/**
 * What ha:status, ha:hosts, ha:resources, ha:where, ha:progress, ha:events and ha:history show, as their --json gives it.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public final class ClusterResource {
    /** How many events the manager holds: filters look at all of them. */
    static final int HELD = 2000;
    private final ClusterService cluster;

    public ClusterResource(ClusterService cluster) {
        this.cluster = cluster;
    }

    @GET
    @Path("status")
    public Map<String, Object> status() {
        return new ClusterView(cluster.snapshot()).status(cluster.isClusterInMaintenance());
    }

    @GET
    @Path("hosts")
    public List<Map<String, Object>> hosts() {
        return new ClusterView(cluster.snapshot()).hosts();
    }

    @GET
    @Path("resources")
    public List<Map<String, Object>> resources() {
        return new ClusterView(cluster.snapshot()).resources();
    }

    @GET
    @Path("resources/{resource}/where")
    public Map<String, Object> where(@PathParam("resource") String resource) {
        ClusterSnapshot snapshot = cluster.snapshot();
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("resource", Params.resource(snapshot, resource));
        map.put("chain", new ClusterView(snapshot).where(resource));
        return map;
    }

    @GET
    @Path("progress")
    public Map<String, Object> progress() {
        return ProgressView.map(cluster.progress(), new ClusterView(cluster.snapshot()).draining());
    }

    /** The last {@code count} events that match every filter given, oldest first; {@code after}: only later ids. */
    @GET
    @Path("events")
    public List<Map<String, Object>> events(@QueryParam("count") String count, @QueryParam("kind") String kind,
            @QueryParam("host") String host, @QueryParam("resource") String resource, @QueryParam("after") String after) {
        int n = Params.integer("count", count, 30, 1, HELD);
        long afterId = Params.whole("after", after, -1, -1, Long.MAX_VALUE);
        Predicate<ClusterEvent> wanted = e -> e.sequence() > afterId;
        if (kind != null) {
            EventKind k;
            try {
                k = EventView.kind(kind);
            } catch (IllegalArgumentException e) {
                throw Problem.badInput("kind", e.getMessage());
            }
            wanted = wanted.and(e -> e.kind() == k);
        }
        if (host != null) {
            String h = Params.name("host", host);
            wanted = wanted.and(e -> e.host().equals(h));
        }
        if (resource != null) {
            String r = Params.name("resource", resource);
            wanted = wanted.and(e -> e.resource().equals(r));
        }
        List<ClusterEvent> events = cluster.events(HELD).stream().filter(wanted).toList();
        return events.subList(Math.max(0, events.size() - n), events.size()).stream().map(EventView::map).toList();
    }

    /** The newest {@code limit} entries of the fencing and operation history about the host and the resource given. */
    @GET
    @Path("history")
    public Map<String, Object> history(@QueryParam("host") String host, @QueryParam("resource") String resource,
            @QueryParam("limit") String limit) {
        int n = Params.integer("limit", limit, 30, 1, History.MAX_LIMIT);
        return HistoryView.map(cluster.history(host == null ? null : Params.name("host", host),
                resource == null ? null : Params.name("resource", resource), n));
    }
}
