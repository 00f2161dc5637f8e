package org.basket.agent.monitors.support;

import java.util.Map;
import java.util.TreeMap;

import org.basket.api.config.ConfigException;
import org.basket.api.config.StrictConfig;
import org.basket.api.monitor.ServiceDefinition;

/**
 * A service definition's parameters, read strictly through the api's {@link StrictConfig} as the monitor
 * type declares them; every error names the service, the parameter and its value in the one format,
 * {@code service 'web' (tcp): key 'port': must be from 1 to 65535: '70000'}.
 */
public final class Parameters {

    private final ServiceDefinition service;

    public Parameters(ServiceDefinition service) {
        this.service = service;
    }

    public ServiceDefinition service() {
        return service;
    }

    /** The parameters as {@code declaration} types them; a key neither it nor a {@code shared} one declares is refused. */
    public <A> A read(Class<A> declaration, Class<?>... shared) {
        try {
            return StrictConfig.read(declaration, service.parameters(), shared);
        } catch (ConfigException e) {
            throw refused(e);
        }
    }

    /** The parameters of a declaration shared by several types (their keys checked by {@link #read}). */
    public <A> A readShared(Class<A> declaration) {
        try {
            return StrictConfig.read(declaration, service.parameters(), true);
        } catch (ConfigException e) {
            throw refused(e);
        }
    }

    /** The value, or an error naming the parameter unless it is at least 1. */
    public int positive(String key, int value) {
        if (value < 1) {
            throw invalid(key, Integer.toString(value), "must be from 1 up");
        }
        return value;
    }

    /** The parameters starting with {@code prefix}, keyed by the rest of their name. */
    public Map<String, String> withPrefix(String prefix) {
        Map<String, String> found = new TreeMap<>();
        service.parameters().forEach((key, value) -> {
            if (key.startsWith(prefix) && key.length() > prefix.length()) {
                found.put(key.substring(prefix.length()), value);
            }
        });
        return found;
    }

    /** A problem whose text already says all, e.g. {@code /x is not an executable file}. */
    public IllegalArgumentException invalid(String key, String problem) {
        return refused(new ConfigException(key, problem));
    }

    public IllegalArgumentException invalid(String key, String value, String problem) {
        return refused(new ConfigException(key, value, problem));
    }

    private IllegalArgumentException refused(ConfigException e) {
        return new IllegalArgumentException(e.describe(describe()));
    }

    /** "service 'web' (http)", the prefix of every message about this service. */
    public String describe() {
        return "service '" + service.name() + "' (" + service.type() + ")";
    }
}
