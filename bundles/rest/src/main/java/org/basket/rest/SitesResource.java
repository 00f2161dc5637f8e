package org.basket.rest;

import java.util.Map;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import org.basket.api.cluster.Sites;
import org.basket.api.coordination.Coordination;
import org.basket.shell.view.SiteView;

/** What ha:sites shows: the sites, the groups with their home and grant, this manager's role and epoch. */
@Path("/sites")
@Produces(MediaType.APPLICATION_JSON)
public final class SitesResource {
    private final Sites sites;
    private final Coordination coordination;

    /** Both may be null: no sites service (the core is not running), no coordination service. */
    public SitesResource(Sites sites, Coordination coordination) {
        this.sites = sites;
        this.coordination = coordination;
    }

    @GET
    public Map<String, Object> sites() {
        if (sites == null) {
            throw new Problem(503, "Service Unavailable", "sites are not available (the core is not running)", null);
        }
        return SiteView.map(sites.overview(), coordination == null ? null : coordination.role());
    }
}
