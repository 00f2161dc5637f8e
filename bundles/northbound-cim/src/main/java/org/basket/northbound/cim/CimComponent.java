package org.basket.northbound.cim;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.Optional;

import org.basket.api.cluster.ClusterService;
import org.basket.api.config.ConfigException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Basket's read-only WBEM server, over the cluster's snapshot, as etc/org.basket.cim.cfg configures it. A refused
 * file is logged with the file and every bad key, and the server keeps its last good settings.
 */
@Component(configurationPid = CimSettings.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true,
        service = {})
@Designate(ocd = CimConfig.class)
public class CimComponent {
    private static final Logger LOG = LoggerFactory.getLogger(CimComponent.class);

    @Reference
    volatile ClusterService cluster;

    private CimServer server;

    @Activate
    synchronized void activate(Map<String, Object> properties) {
        CimSettings settings;
        try {
            settings = CimSettings.from(properties);
        } catch (ConfigException e) {
            LOG.error("CIM server: configuration refused, the defaults serve until it is fixed: {}",
                    e.describe(CimSettings.source(properties)));
            settings = CimSettings.defaults();
        }
        open(settings);
    }

    @Modified
    synchronized void modified(Map<String, Object> properties) {
        CimSettings next;
        try {
            next = CimSettings.from(properties);
        } catch (ConfigException e) {
            LOG.error("CIM server: configuration refused, keeping the running settings{}: {}",
                    server == null ? "" : " (" + server.address() + ")", e.describe(CimSettings.source(properties)));
            return;
        }
        if (server != null && server.settings().equals(next)) {
            return;
        }
        CimServer previous = server;
        if (previous != null) {
            previous.close();
            server = null;
        }
        if (!open(next) && previous != null) {
            open(previous.settings());
        }
    }

    @Deactivate
    synchronized void deactivate() {
        if (server != null) {
            server.close();
            server = null;
            LOG.info("CIM server: closed");
        }
    }

    /** The port the server listens on, while it does. */
    synchronized Optional<Integer> port() {
        return Optional.ofNullable(server).map(CimServer::port);
    }

    private boolean open(CimSettings settings) {
        try {
            server = CimServer.open(settings, new CimOperations(settings.namespace(),
                    () -> CimModel.of(cluster.snapshot())), CimLogin.of(settings));
            LOG.info("CIM server: serving {} ({})", server.address(),
                    settings.user().map(u -> "user " + u.username()).orElse("JAAS realm " + settings.realm()));
            return true;
        } catch (IOException | GeneralSecurityException e) {
            LOG.error("CIM server: cannot serve on {}:{}: {}", settings.bindAddress().getHostAddress(), settings.port(),
                    e.getMessage());
            return false;
        }
    }
}
