package org.basket.rest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;

import org.basket.api.cluster.ProvisioningException;
import org.basket.api.cluster.VmProvisioning;
import org.basket.api.cluster.VmRequest;

/** ha:vm-create and ha:vm-delete: a VM with its disk and its resource made or removed in one step. */
@Path("/vms")
@Produces(MediaType.APPLICATION_JSON)
public final class VmsResource {
    private final VmProvisioning provisioning;

    public VmsResource(VmProvisioning provisioning) {
        this.provisioning = provisioning;
    }

    /** Answers once the VM runs, with the steps taken; a failed step is a problem naming what was undone. */
    @POST
    @Path("{vm}")
    @Needs(Role.OPERATOR)
    public Map<String, Object> create(@PathParam("vm") String vm, @QueryParam("template") String template,
            @QueryParam("cpus") String cpus, @QueryParam("memory") String memory, @QueryParam("disk") String disk,
            @QueryParam("network") String network, @QueryParam("on") String on) throws ProvisioningException {
        String name = Params.name("vm", vm);
        if (template == null || template.isEmpty()) {
            throw Problem.badInput("template", "a template is needed (etc/templates/<template>.xml)");
        }
        long bytes;
        try {
            bytes = disk == null ? 0 : VmRequest.size(disk);
        } catch (IllegalArgumentException e) {
            throw Problem.badInput("disk", e.getMessage());
        }
        VmRequest request = new VmRequest(name, Params.name("template", template),
                Params.integer("cpus", cpus, 0, 1, 1024), Params.whole("memory", memory, 0, 1, 1L << 32), bytes,
                network == null ? "" : Params.name("network", network), on == null ? "" : Params.name("on", on));
        List<String> steps = new ArrayList<>();
        String host = provisioning().create(request, steps::add);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("vm", name);
        answer.put("host", host);
        answer.put("steps", steps);
        return answer;
    }

    @POST
    @Path("{vm}/delete")
    @Needs(Role.OPERATOR)
    public Map<String, Object> delete(@PathParam("vm") String vm, @QueryParam("keepDisk") String keepDisk)
            throws ProvisioningException {
        String name = Params.name("vm", vm);
        boolean keep = Params.bool("keepDisk", keepDisk);
        List<String> steps = new ArrayList<>();
        provisioning().delete(name, keep, steps::add);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("vm", name);
        answer.put("deleted", true);
        answer.put("diskKept", keep);
        answer.put("steps", steps);
        return answer;
    }

    private VmProvisioning provisioning() {
        if (provisioning == null) {
            throw new Problem(503, "Service Unavailable", "provisioning is not available (the core is not running)",
                    null);
        }
        return provisioning;
    }
}
