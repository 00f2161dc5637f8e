package org.basket.agent.monitors.support;

import org.basket.agent.monitors.support.SettingsMonitor;
import org.basket.api.monitor.CheckResult;
import org.basket.api.monitor.ServiceDefinition;
import org.basket.api.monitor.ServiceHealth;
import org.basket.api.monitor.ServiceMonitor;
import org.slf4j.LoggerFactory;

/**
 * What every monitor type shares: a service definition is first read into the type's own settings;
 * a definition that does not read is rejected by {@link #validate} and reported UNKNOWN by
 * {@link #check}, with the message naming the service and the parameter.
 *
 * @param <S> the type's settings
 */
public abstract class SettingsMonitor<S> implements ServiceMonitor {
    private final String type;

    protected SettingsMonitor(String type) {
        this.type = type;
    }

    @Override
    public final String type() {
        return type;
    }

    @Override
    public void validate(ServiceDefinition service) {
        settings(service);
    }

    @Override
    public final CheckResult check(ServiceDefinition service) {
        S settings;
        try {
            settings = settings(service);
        } catch (IllegalArgumentException e) {
            return new CheckResult(ServiceHealth.UNKNOWN, e.getMessage());
        }
        return check(settings);
    }

    /** Reads the definition; throws IllegalArgumentException naming the bad parameter. */
    protected abstract S settings(ServiceDefinition service);

    /** Checks a service whose definition was read. */
    protected abstract CheckResult check(S settings);

    /** Logs that this type is ready; called by each component's activation. */
    protected final void ready() {
        LoggerFactory.getLogger(getClass()).info("Service monitor type '{}' ready", type);
    }
}
