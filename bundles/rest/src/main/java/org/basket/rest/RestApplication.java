package org.basket.rest;

import java.util.Set;

import javax.ws.rs.core.Application;

import org.basket.api.cluster.ClusterService;
import org.basket.api.cluster.Sites;
import org.basket.api.cluster.VmProvisioning;
import org.basket.api.coordination.Coordination;
import org.basket.api.monitor.GuestAgentAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationBase;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST API at {@code /api}, published through the OSGi JAX-RS whiteboard: every endpoint, JSON with Jackson,
 * problem details for errors, HTTP Basic authentication against Karaf's {@code karaf} JAAS realm with the roles
 * viewer, operator and admin (see docs/rest.md).
 */
@Component(service = Application.class)
@JaxrsApplicationBase(RestApplication.BASE)
@JaxrsName("basket")
public final class RestApplication extends Application {
    static final String BASE = "api";
    static final String REALM = "karaf";
    private static final Logger LOG = LoggerFactory.getLogger(RestApplication.class);

    @Reference
    ClusterService cluster;

    @Reference
    EventStream stream;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY)
    GuestAgentAdmin agents;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY)
    VmProvisioning provisioning;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY)
    Sites sites;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY)
    Coordination coordination;

    private Set<Object> singletons;

    @Activate
    void activate() {
        singletons = Set.of(new ClusterResource(cluster), new AnalysisResource(cluster), new OperationsResource(cluster),
                new AgentsResource(cluster, agents), new EventStreamResource(stream), new OpenApiResource(),
                new VmsResource(provisioning), new SitesResource(sites, coordination), new JsonWriter(), new Problems(),
                new Authentication(new Realm(REALM)));
        LOG.info("Basket REST API at /{} (JAAS realm {}{})", BASE, REALM, agents == null ? ", no agent channel" : "");
    }

    @Override
    public Set<Object> getSingletons() {
        return singletons;
    }
}
