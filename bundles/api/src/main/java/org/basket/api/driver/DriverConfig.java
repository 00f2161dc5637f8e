package org.basket.api.driver;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The configuration of one driver endpoint.
 *
 * @param name       the endpoint's name, which host configurations refer to
 * @param type       the hypervisor type, matching {@link HypervisorDriverFactory#type()}
 * @param properties the driver-specific keys
 */
public record DriverConfig(String name, String type, Map<String, String> properties) {
    public DriverConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        properties = Collections.unmodifiableMap(new TreeMap<>(properties));
    }

    public String get(String key, String defaultValue) {
        return properties.getOrDefault(key, defaultValue);
    }

    public long getLong(String key, long defaultValue) throws DriverException {
        String value = properties.get(key);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new DriverException("driver '" + name + "': key '" + key + "': not a number: '" + value + "'");
        }
    }

    /** Names the keys and values, those of secrets (passwords, tokens, keys) masked. */
    @Override
    public String toString() {
        Map<String, String> shown = new TreeMap<>();
        properties.forEach((key, value) -> shown.put(key, isSecret(key) ? "****" : value));
        return "DriverConfig[name=" + name + ", type=" + type + ", properties=" + shown + "]";
    }

    /** Whether a key holds a secret, by its name: password, passphrase, secret, token, key. */
    public static boolean isSecret(String key) {
        return org.basket.api.config.StrictConfig.isSecret(key);
    }

    /** Fails on the first key outside {@code known}, so that a typo does not pass silently. */
    public void requireKnownKeys(Set<String> known) throws DriverException {
        for (String key : properties.keySet()) {
            if (!known.contains(key)) {
                throw new DriverException("driver '" + name + "': unknown key '" + key + "' for type '" + type
                        + "' (known: " + String.join(", ", new java.util.TreeSet<>(known)) + ")");
            }
        }
    }
}
