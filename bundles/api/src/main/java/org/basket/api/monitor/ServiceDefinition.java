package org.basket.api.monitor;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * A service to watch inside a guest.
 *
 * @param name       the guest service resource
 * @param type       the monitor type that handles it (systemd, process, tcp, http, nagios, ocf, ...)
 * @param parameters type-specific parameters
 * @param interval   how often the agent checks it
 */
public record ServiceDefinition(String name, String type, Map<String, String> parameters, Duration interval) {

    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);

    public ServiceDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        parameters = Map.copyOf(parameters);
        if (interval == null || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("check interval of " + name + " must be positive: " + interval);
        }
    }

    public ServiceDefinition(String name, String type, Map<String, String> parameters) {
        this(name, type, parameters, DEFAULT_INTERVAL);
    }
}
