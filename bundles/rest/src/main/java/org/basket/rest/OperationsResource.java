package org.basket.rest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;

import org.basket.api.cluster.ClusterService;
import org.basket.api.cluster.ClusterService.Scope;
import org.basket.api.cluster.ClusterSnapshot;
import org.basket.api.fence.FenceException;
import org.basket.api.model.ResourceStatus;

/** What operators and admins do: ha:host-standby (with its wait), ha:host-online, ha:cancel, ha:maintenance, ha:fence, ha:fence-confirm. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public final class OperationsResource {
    static final long POLL_MS = 250;
    static final int MAX_WAIT_S = 600;
    private final ClusterService cluster;

    public OperationsResource(ClusterService cluster) {
        this.cluster = cluster;
    }

    /** Drains the host; with {@code wait}, answers once it runs nothing or after {@code timeout} seconds. */
    @POST
    @Path("hosts/{host}/standby")
    @Needs(Role.OPERATOR)
    public Map<String, Object> standby(@PathParam("host") String host, @QueryParam("wait") String wait,
            @QueryParam("timeout") String timeout) throws InterruptedException {
        Params.host(cluster.snapshot(), host);
        boolean waiting = Params.bool("wait", wait);
        int seconds = Params.integer("timeout", timeout, MAX_WAIT_S, 1, MAX_WAIT_S);
        cluster.setStandby(host, true);
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        List<String> left = left(host);
        while (waiting && !left.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(POLL_MS);
            left = left(host);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("host", host);
        answer.put("standby", true);
        answer.put("drained", left.isEmpty());
        answer.put("left", left);
        return answer;
    }

    @POST
    @Path("hosts/{host}/online")
    @Needs(Role.OPERATOR)
    public Map<String, Object> online(@PathParam("host") String host) {
        cluster.setStandby(Params.host(cluster.snapshot(), host), false);
        return Map.of("host", host, "standby", false);
    }

    /** Stops the drains in progress and the actions not yet started; one line per thing cancelled. */
    @POST
    @Path("cancel")
    @Needs(Role.OPERATOR)
    public Map<String, Object> cancel() {
        return Map.of("cancelled", cluster.cancel());
    }

    /** Maintenance {@code mode=on|off} for the cluster, or one {@code host} or {@code resource}. */
    @POST
    @Path("maintenance")
    @Needs(Role.OPERATOR)
    public Map<String, Object> maintenance(@QueryParam("mode") String mode, @QueryParam("host") String host,
            @QueryParam("resource") String resource) {
        if (!"on".equals(mode) && !"off".equals(mode)) {
            throw Problem.badInput("mode", "mode must be on or off, not " + Params.quoted(mode));
        }
        if (host != null && resource != null) {
            throw Problem.badInput("host", "give host or resource, not both");
        }
        ClusterSnapshot snapshot = cluster.snapshot();
        Scope scope = host != null ? Scope.HOST : resource != null ? Scope.RESOURCE : Scope.CLUSTER;
        String name = host != null ? Params.host(snapshot, host)
                : resource != null ? Params.resource(snapshot, resource) : null;
        cluster.setMaintenance(scope, name, mode.equals("on"));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("scope", scope.name().toLowerCase(java.util.Locale.ROOT));
        answer.put("name", name);
        answer.put("maintenance", mode.equals("on"));
        return answer;
    }

    /** Powers the host off now through its fencing levels; answers with the device that confirmed it. */
    @POST
    @Path("hosts/{host}/fence")
    @Needs(Role.ADMIN)
    public Map<String, Object> fence(@PathParam("host") String host) throws FenceException {
        String device = cluster.fence(Params.host(cluster.snapshot(), host));
        return Map.of("host", host, "off", true, "confirmedBy", device);
    }

    /** DANGEROUS: the admin's word that the host is off; needs {@code yes=true}. */
    @POST
    @Path("hosts/{host}/fence-confirm")
    @Needs(Role.ADMIN)
    public Map<String, Object> confirmFenced(@PathParam("host") String host, @QueryParam("yes") String yes) {
        Params.host(cluster.snapshot(), host);
        if (!Params.bool("yes", yes)) {
            throw Problem.badInput("yes", "not confirmed: make sure " + host + " is off and runs nothing, then repeat "
                    + "with yes=true (if it still runs a VM, that VM will run twice)");
        }
        cluster.confirmFenced(host);
        return Map.of("host", host, "confirmedOff", true);
    }

    private List<String> left(String host) {
        return cluster.snapshot().state().resources().values().stream().filter(r -> r.activeOn().contains(host))
                .map(ResourceStatus::name).toList();
    }
}
