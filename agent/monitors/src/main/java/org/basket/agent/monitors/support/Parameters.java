package org.basket.agent.monitors.support;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.basket.api.monitor.ServiceDefinition;

/** Typed access to a service definition's parameters; every error names the service and the parameter. */
public final class Parameters {

    private final ServiceDefinition service;

    public Parameters(ServiceDefinition service) {
        this.service = service;
    }

    public ServiceDefinition service() {
        return service;
    }

    /** Rejects parameters that are neither in {@code known} nor start with one of {@code prefixes}. */
    public Parameters allowOnly(Set<String> known, String... prefixes) {
        for (String key : service.parameters().keySet()) {
            boolean prefixed = false;
            for (String prefix : prefixes) {
                prefixed |= key.startsWith(prefix) && key.length() > prefix.length();
            }
            if (!known.contains(key) && !prefixed) {
                throw invalid(key, "unknown parameter (known: " + String.join(", ", new TreeSet<>(known))
                        + (prefixes.length > 0 ? ", " + String.join("*, ", prefixes) + "*" : "") + ")");
            }
        }
        return this;
    }

    public String required(String key) {
        return optional(key).orElseThrow(() -> invalid(key, "missing"));
    }

    public Optional<String> optional(String key) {
        String value = service.parameters().get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (value.isBlank()) {
            throw invalid(key, "empty");
        }
        return Optional.of(value.strip());
    }

    public String optional(String key, String fallback) {
        return optional(key).orElse(fallback);
    }

    public int positiveInt(String key, int fallback) {
        Optional<String> value = optional(key);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.get());
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid(key, "'" + value.get() + "' is not a positive whole number");
    }

    public boolean flag(String key, boolean fallback) {
        Optional<String> value = optional(key);
        if (value.isEmpty()) {
            return fallback;
        }
        return switch (value.get()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid(key, "'" + value.get() + "' is neither true nor false");
        };
    }

    /** The parameters starting with {@code prefix}, keyed by the rest of their name. */
    public Map<String, String> withPrefix(String prefix) {
        Map<String, String> found = new java.util.TreeMap<>();
        service.parameters().forEach((key, value) -> {
            if (key.startsWith(prefix) && key.length() > prefix.length()) {
                found.put(key.substring(prefix.length()), value);
            }
        });
        return found;
    }

    public IllegalArgumentException invalid(String key, String problem) {
        return new IllegalArgumentException(describe() + ": parameter '" + key + "': " + problem);
    }

    /** "service 'web' (http)", the prefix of every message about this service. */
    public String describe() {
        return "service '" + service.name() + "' (" + service.type() + ")";
    }
}
