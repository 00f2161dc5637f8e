package org.basket.rest;

import java.util.List;
import java.util.Map;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;

import org.basket.api.cluster.ClusterService;
import org.basket.api.cluster.SimulationEvent;
import org.basket.shell.view.AnalysisView;

/** The what-if analyses of ha:impact, ha:explain, ha:simulate and ha:tolerance: plans only, nothing is executed. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public final class AnalysisResource {
    static final int MAX_EVENTS = 20;
    private final ClusterService cluster;

    public AnalysisResource(ClusterService cluster) {
        this.cluster = cluster;
    }

    @GET
    @Path("hosts/{host}/impact")
    public Map<String, Object> impact(@PathParam("host") String host, @QueryParam("fail") String fail) {
        return AnalysisView.impact(cluster.impact(Params.host(cluster.snapshot(), host), Params.bool("fail", fail)));
    }

    @GET
    @Path("resources/{resource}/explanation")
    public Map<String, Object> explain(@PathParam("resource") String resource) {
        return AnalysisView.explanation(cluster.explain(Params.resource(cluster.snapshot(), resource)));
    }

    @GET
    @Path("tolerance")
    public Map<String, Object> tolerance(@QueryParam("priority") String priority) {
        return AnalysisView.tolerance(cluster.tolerance(Params.integer("priority", priority, 0, 0, 1_000_000)));
    }

    /** The plan after the events ({@code event=fail:node2&event=add-vm:test:2:4096}), applied in order. */
    @GET
    @Path("simulation")
    public Map<String, Object> simulate(@QueryParam("event") List<String> events) {
        if (events == null || events.isEmpty()) {
            throw Problem.badInput("event", "no event: give one or more event parameters, each " + SimulationEvent.FORMS);
        }
        if (events.size() > MAX_EVENTS) {
            throw Problem.badInput("event", events.size() + " events: at most " + MAX_EVENTS);
        }
        List<SimulationEvent> parsed = events.stream().map(AnalysisResource::event).toList();
        try {
            return AnalysisView.simulation(cluster.simulate(parsed));
        } catch (IllegalArgumentException e) {
            throw Problem.badInput("event", e.getMessage());
        }
    }

    private static SimulationEvent event(String event) {
        if (event.length() > 300) {
            throw Problem.badInput("event", "an event of " + event.length() + " characters: at most 300");
        }
        try {
            return SimulationEvent.parse(event);
        } catch (IllegalArgumentException e) {
            throw Problem.badInput("event", e.getMessage());
        }
    }
}
