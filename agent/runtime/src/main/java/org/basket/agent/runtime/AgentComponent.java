package org.basket.agent.runtime;

import java.time.Clock;
import java.util.Map;

import org.basket.api.config.ConfigException;
import org.basket.api.monitor.ServiceMonitor;
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
 * The agent inside the OSGi framework: settings from {@code etc/org.basket.agent.cfg} (optional; a bad
 * file is logged and the last good settings stay), the monitor types from the service registry.
 */
@Component(immediate = true, service = {}, configurationPid = AgentSettings.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = AgentConfig.class)
public class AgentComponent {
    private static final Logger LOG = LoggerFactory.getLogger(AgentComponent.class);

    private final MonitorRegistry monitors = new MonitorRegistry();
    private AgentSettings settings;
    private AgentRuntime runtime;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindMonitor(ServiceMonitor monitor, Map<String, Object> properties) {
        monitors.add(typeOf(monitor, properties), monitor);
    }

    void unbindMonitor(ServiceMonitor monitor, Map<String, Object> properties) {
        monitors.remove(typeOf(monitor, properties), monitor);
    }

    @Activate
    void activate(Map<String, Object> properties) {
        AgentSettings read = readOr(properties, AgentSettings.defaults(System.getenv()));
        LOG.info("Basket agent starting: state in {}, enrolment settings in {}", read.stateDirectory(), read.enrolFile());
        apply(read);
    }

    @Modified
    void modified(Map<String, Object> properties) {
        AgentSettings read = readOr(properties, settings);
        if (!read.equals(settings)) {
            LOG.info("Basket agent settings changed: restarting the agent");
            apply(read);
        }
    }

    @Deactivate
    synchronized void deactivate() {
        if (runtime != null) {
            runtime.close();
            runtime = null;
        }
        LOG.info("Basket agent stopped");
    }

    private synchronized void apply(AgentSettings next) {
        if (runtime != null) {
            runtime.close();
        }
        settings = next;
        runtime = new AgentRuntime(next, monitors, Clock.systemUTC());
        runtime.start();
    }

    synchronized AgentSettings settings() {
        return settings;
    }

    private static AgentSettings readOr(Map<String, Object> properties, AgentSettings lastGood) {
        try {
            return AgentSettings.read(properties, System.getenv());
        } catch (ConfigException e) {
            LOG.error("Agent settings rejected, the last good ones stay: {}", e.describe(AgentSettings.source(properties)));
            return lastGood;
        }
    }

    private static String typeOf(ServiceMonitor monitor, Map<String, Object> properties) {
        Object type = properties.get(ServiceMonitor.TYPE_PROPERTY);
        return type == null ? monitor.type() : type.toString();
    }
}
