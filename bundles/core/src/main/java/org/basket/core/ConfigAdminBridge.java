package org.basket.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;

import org.basket.core.config.ConfigPids;
import org.basket.core.config.ConfigStore;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ManagedServiceFactory;

/** Feeds the factory configurations of hosts, resources, constraints and drivers into the store. */
final class ConfigAdminBridge {
    private static final List<String> FACTORY_PIDS = List.of(ConfigPids.DRIVER, ConfigPids.HOST, ConfigPids.RESOURCE,
            ConfigPids.CONSTRAINT, ConfigPids.FENCE);

    private final ConfigStore store;
    private final Runnable changed;
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();

    ConfigAdminBridge(ConfigStore store, Runnable changed) {
        this.store = store;
        this.changed = changed;
    }

    void open(BundleContext context) {
        for (String factoryPid : FACTORY_PIDS) {
            Dictionary<String, Object> properties = new Hashtable<>();
            properties.put(Constants.SERVICE_PID, factoryPid);
            registrations.add(context.registerService(ManagedServiceFactory.class, new Factory(factoryPid), properties));
        }
    }

    void close() {
        registrations.forEach(ServiceRegistration::unregister);
        registrations.clear();
    }

    private final class Factory implements ManagedServiceFactory {
        private final String factoryPid;

        Factory(String factoryPid) {
            this.factoryPid = factoryPid;
        }

        @Override
        public String getName() {
            return "Basket " + factoryPid;
        }

        @Override
        public void updated(String pid, Dictionary<String, ?> properties) {
            Map<String, Object> raw = new java.util.HashMap<>();
            for (String key : Collections.list(properties.keys())) {
                raw.put(key, properties.get(key));
            }
            store.update(factoryPid, pid, raw);
            changed.run();
        }

        @Override
        public void deleted(String pid) {
            store.delete(pid);
            changed.run();
        }
    }
}
