package org.basket.coordination;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.basket.api.config.ConfigException;
import org.basket.api.config.StrictConfig;
import org.basket.api.coordination.Coordination;
import org.basket.api.coordination.ObservationShare;
import org.basket.api.coordination.SharedState;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code etc/org.basket.coordination.cfg} and registers what its mode gives: embedded (the default) a
 * {@link Coordination} that always leads epoch 1; zookeeper a {@link Coordination}, a {@link SharedState} and an
 * {@link ObservationShare} on the ensemble; a refused file a {@link Coordination} that is never sure, naming the file,
 * key and value.
 */
@Component(immediate = true, configurationPid = CoordinationSettings.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
public class CoordinationComponent {
    private static final Logger LOG = LoggerFactory.getLogger(CoordinationComponent.class);

    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();
    private BundleContext context;
    private AutoCloseable running;
    /** Whether what is registered came from settings that were accepted: a refused file then leaves it in force. */
    private boolean inForceIsGood;

    @Activate
    void activate(BundleContext bundleContext, Map<String, Object> properties) {
        context = bundleContext;
        start(properties);
    }

    @Modified
    void modified(Map<String, Object> properties) {
        if (inForceIsGood) {
            try {
                CoordinationSettings.from(properties);
            } catch (ConfigException e) {
                LOG.error("Coordination: {} refused, the coordination in force stays: {}", CoordinationSettings.FILE,
                        e.describe(StrictConfig.source(CoordinationSettings.PID, properties)));
                return;
            }
        }
        LOG.info("Coordination: {} changed; leaving and joining again", CoordinationSettings.FILE);
        stop();
        start(properties);
    }

    @Deactivate
    void deactivate() {
        stop();
    }

    private void start(Map<String, Object> properties) {
        inForceIsGood = false;
        CoordinationSettings settings;
        try {
            settings = CoordinationSettings.from(properties);
        } catch (ConfigException e) {
            String why = e.describe(StrictConfig.source(CoordinationSettings.PID, properties));
            LOG.error("Coordination: configuration refused, this manager will not act: {}", why);
            register(Coordination.class, FixedCoordination.badConfiguration(String.valueOf(properties.getOrDefault(
                    "manager.id", "manager")), why));
            return;
        }
        if (settings.mode() == CoordinationSettings.Mode.EMBEDDED) {
            LOG.info("Coordination: embedded, manager {} leads alone (epoch {})", settings.managerId(),
                    FixedCoordination.EMBEDDED_EPOCH);
            register(Coordination.class, FixedCoordination.embedded(settings.managerId()));
            inForceIsGood = true;
            return;
        }
        ZooKeeperCoordination coordination;
        try {
            coordination = ZooKeeperCoordination.start(settings);
        } catch (RuntimeException | LinkageError e) {
            LOG.error("Coordination: cannot start the ZooKeeper client, this manager will not act", e);
            register(Coordination.class, FixedCoordination.badConfiguration(settings.managerId(),
                    "cannot start the ZooKeeper client: " + e));
            return;
        }
        ZooKeeperObservationShare share = new ZooKeeperObservationShare(coordination, Clients.acl(settings));
        running = () -> {
            share.close();
            coordination.close();
        };
        inForceIsGood = true;
        register(Coordination.class, coordination);
        register(SharedState.class, new ZooKeeperSharedState(coordination, Clients.acl(settings)));
        register(ObservationShare.class, share);
    }

    private <S> void register(Class<S> type, S service) {
        registrations.add(context.registerService(type, service, null));
    }

    private void stop() {
        registrations.forEach(ServiceRegistration::unregister);
        registrations.clear();
        if (running != null) {
            try {
                running.close();
            } catch (Exception e) {
                LOG.warn("Coordination: closing: {}", e.toString());
            }
            running = null;
        }
    }
}
