package org.basket.northbound.prometheus;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.basket.api.cluster.ClusterEvent;
import org.basket.api.cluster.ClusterEventListener;
import org.basket.api.cluster.ClusterService;
import org.basket.api.config.ConfigException;
import org.basket.api.monitor.AgentStatus;
import org.basket.api.monitor.GuestAgentAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Basket's Prometheus metrics: hears the cluster's events (a {@link ClusterEventListener}), reads its snapshot at
 * each scrape, and serves both on the endpoint etc/org.basket.prometheus.cfg configures. A refused file is logged
 * with the file and every bad key, and the endpoint keeps its last good settings.
 */
@Component(configurationPid = PrometheusSettings.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL,
        immediate = true, service = ClusterEventListener.class)
@Designate(ocd = PrometheusConfig.class)
public class PrometheusComponent implements ClusterEventListener {
    private static final Logger LOG = LoggerFactory.getLogger(PrometheusComponent.class);

    @Reference
    volatile ClusterService cluster;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile GuestAgentAdmin agents;

    private volatile boolean refused;
    private volatile ClusterMetrics metrics;
    private MetricsEndpoint endpoint;

    @Activate
    synchronized void activate(Map<String, Object> properties) {
        metrics = new ClusterMetrics(() -> cluster.snapshot(), this::agentStatuses, () -> refused);
        PrometheusSettings settings;
        try {
            settings = PrometheusSettings.from(properties);
        } catch (ConfigException e) {
            refuse(properties, e, "the defaults serve until it is fixed");
            settings = PrometheusSettings.defaults();
        }
        open(settings);
    }

    @Modified
    synchronized void modified(Map<String, Object> properties) {
        PrometheusSettings next;
        try {
            next = PrometheusSettings.from(properties);
        } catch (ConfigException e) {
            refuse(properties, e, "keeping the running settings" + (endpoint == null ? "" : " (" + endpoint.address() + ")"));
            return;
        }
        refused = false;
        if (endpoint != null && endpoint.settings().equals(next)) {
            return;
        }
        MetricsEndpoint previous = endpoint;
        if (previous != null) {
            previous.close();
            endpoint = null;
        }
        if (!open(next) && previous != null) {
            open(previous.settings());
        }
    }

    @Deactivate
    synchronized void deactivate() {
        if (endpoint != null) {
            endpoint.close();
            endpoint = null;
            LOG.info("Prometheus metrics: endpoint closed");
        }
    }

    @Override
    public void event(ClusterEvent event) {
        ClusterMetrics current = metrics;
        if (current != null) {
            current.event(event);
        }
    }

    /** The port the endpoint listens on, while it does. */
    synchronized Optional<Integer> port() {
        return Optional.ofNullable(endpoint).map(MetricsEndpoint::port);
    }

    private boolean open(PrometheusSettings settings) {
        try {
            endpoint = MetricsEndpoint.open(settings, metrics.registry());
            LOG.info("Prometheus metrics: serving http://{}/metrics", endpoint.address());
            return true;
        } catch (IOException e) {
            LOG.error("Prometheus metrics: cannot listen on {}:{}: {}", settings.bindAddress().getHostAddress(),
                    settings.port(), e.getMessage());
            return false;
        }
    }

    private void refuse(Map<String, Object> properties, ConfigException e, String consequence) {
        refused = true;
        LOG.error("Prometheus metrics: configuration refused, {}: {}", consequence,
                e.describe(PrometheusSettings.source(properties)));
    }

    private List<AgentStatus> agentStatuses() {
        GuestAgentAdmin admin = agents;
        return admin == null ? List.of() : admin.agents();
    }
}
