package org.basket.rest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import org.basket.api.cluster.ClusterService;
import org.basket.api.model.ResourceKind;
import org.basket.api.monitor.AgentEnrolment;
import org.basket.api.monitor.AgentException;
import org.basket.api.monitor.AgentStatus;
import org.basket.api.monitor.GuestAgentAdmin;

/** The in-guest agents (ha:agents), enrolment tokens (ha:agent-token) and revocation (ha:agent-revoke). */
@Path("/agents")
@Produces(MediaType.APPLICATION_JSON)
public final class AgentsResource {
    private final ClusterService cluster;
    private final GuestAgentAdmin admin;

    public AgentsResource(ClusterService cluster, GuestAgentAdmin admin) {
        this.cluster = cluster;
        this.admin = admin;
    }

    @GET
    public List<Map<String, Object>> agents() {
        return admin().agents().stream().map(AgentsResource::agent).toList();
    }

    /** A one-time enrolment token for the VM's agent: a secret, shown once. */
    @POST
    @Path("{vm}/token")
    @Needs(Role.ADMIN)
    public Map<String, Object> token(@PathParam("vm") String vm) throws AgentException {
        String name = Params.resource(cluster.snapshot(), vm);
        if (cluster.snapshot().config().resources().get(name).kind() != ResourceKind.VIRTUAL_MACHINE) {
            throw Problem.badInput("vm", name + " is not a VM: agents run in VMs");
        }
        AgentEnrolment enrolment = admin().enrol(name, null);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("vm", name);
        answer.put("manager", enrolment.managerAddress());
        answer.put("token", enrolment.token());
        answer.put("expires", enrolment.expiresAt().toString());
        answer.put("caCertificate", admin().caCertificatePem());
        return answer;
    }

    /** Revokes the VM's agent: its certificates, its session and its unused tokens. */
    @POST
    @Path("{vm}/revoke")
    @Needs(Role.ADMIN)
    public Map<String, Object> revoke(@PathParam("vm") String vm) throws AgentException {
        String name = Params.name("vm", vm);
        if (admin().agent(name).isEmpty()) {
            throw Problem.unknown("agent of VM", name, admin().agents().stream().map(AgentStatus::vm).toList());
        }
        admin().revoke(name);
        return Map.of("vm", name, "revoked", true);
    }

    private GuestAgentAdmin admin() {
        if (admin == null) {
            throw new Problem(503, "Service Unavailable", "the agent channel is not running (feature basket-agents)", null);
        }
        return admin;
    }

    private static Map<String, Object> agent(AgentStatus agent) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("vm", agent.vm());
        row.put("enrolled", agent.enrolled());
        row.put("connected", agent.connected());
        row.put("since", agent.since().map(Object::toString).orElse(null));
        row.put("address", agent.connected() ? agent.address() : null);
        row.put("software", agent.connected() ? agent.software() : null);
        row.put("services", agent.connected() ? agent.services() : null);
        row.put("detail", agent.connected() ? null : agent.detail());
        return row;
    }
}
