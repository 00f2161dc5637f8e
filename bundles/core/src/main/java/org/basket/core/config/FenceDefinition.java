package org.basket.core.config;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One configured fence device.
 *
 * @param source     the file it came from, for error messages
 * @param parameters the agent's parameters, secrets included: never log them
 */
public record FenceDefinition(String name, String source, String host, int level, String agent,
                              Map<String, String> parameters, Duration timeout) {
    public FenceDefinition {
        Objects.requireNonNull(name, "name");
        parameters = java.util.Collections.unmodifiableMap(new TreeMap<>(parameters));
    }

    @Override
    public String toString() {
        return name + " (" + agent + ", level " + level + " of " + host + ")";
    }
}
