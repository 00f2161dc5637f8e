package org.basket.agent.runtime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.basket.api.monitor.ServiceMonitor;

/**
 * The monitor types present now, by {@code basket.monitor.type}; they come and go with their bundles.
 * Two monitors of one type: the first one bound serves, the other takes over when it goes.
 */
final class MonitorRegistry {
    private final Map<String, List<ServiceMonitor>> byType = new LinkedHashMap<>();
    private volatile Consumer<String> onChange = type -> { };

    /** Called with the type after a monitor of it came or went. */
    void onChange(Consumer<String> listener) {
        this.onChange = listener;
    }

    void add(String type, ServiceMonitor monitor) {
        synchronized (byType) {
            byType.computeIfAbsent(type, t -> new ArrayList<>()).add(monitor);
        }
        onChange.accept(type);
    }

    void remove(String type, ServiceMonitor monitor) {
        synchronized (byType) {
            List<ServiceMonitor> monitors = byType.getOrDefault(type, new ArrayList<>());
            monitors.remove(monitor);
            if (monitors.isEmpty()) {
                byType.remove(type);
            }
        }
        onChange.accept(type);
    }

    Optional<ServiceMonitor> find(String type) {
        synchronized (byType) {
            List<ServiceMonitor> monitors = byType.get(type);
            return monitors == null ? Optional.empty() : Optional.of(monitors.get(0));
        }
    }

    String types() {
        synchronized (byType) {
            return byType.isEmpty() ? "none" : String.join(", ", byType.keySet());
        }
    }
}
