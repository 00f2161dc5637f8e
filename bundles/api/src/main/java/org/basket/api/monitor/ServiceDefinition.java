package org.basket.api.monitor;

import java.util.Map;
import java.util.Objects;

/**
 * A service to watch inside a guest.
 *
 * @param name       the guest service resource
 * @param type       the monitor type that handles it (systemd, process, tcp, http, nagios, ocf, ...)
 * @param parameters type-specific parameters
 */
public record ServiceDefinition(String name, String type, Map<String, String> parameters) {
    public ServiceDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        parameters = Map.copyOf(parameters);
    }
}
