package org.basket.channel.protocol;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.basket.api.monitor.ServiceDefinition;

/**
 * The payload of {@code update-definitions}: Java properties text, one group of keys per service,
 * numbered from 0 in the manager's order: {@code service.0.name}, {@code service.0.type},
 * {@code service.0.interval-ms}, {@code service.0.param.KEY}.
 */
public final class ServiceDefinitions {
    private static final String PREFIX = "service.";

    private ServiceDefinitions() {
    }

    public static String encode(List<ServiceDefinition> services) {
        Properties properties = new Properties();
        for (int i = 0; i < services.size(); i++) {
            ServiceDefinition service = services.get(i);
            String key = PREFIX + i + ".";
            properties.setProperty(key + "name", service.name());
            properties.setProperty(key + "type", service.type());
            properties.setProperty(key + "interval-ms", Long.toString(service.interval().toMillis()));
            service.parameters().forEach((name, value) -> properties.setProperty(key + "param." + name, value));
        }
        StringWriter text = new StringWriter();
        try {
            properties.store(text, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString().lines().filter(line -> !line.startsWith("#")).sorted().collect(Collectors.joining("\n", "", "\n"));
    }

    /** Reads what {@link #encode} wrote; a malformed payload is refused whole, naming the bad key. */
    public static List<ServiceDefinition> decode(String payload) throws MalformedFrameException {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(payload));
        } catch (IOException | IllegalArgumentException e) {
            throw new MalformedFrameException("service definitions are not properties text: " + e.getMessage());
        }
        Map<Integer, Map<String, String>> byIndex = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            int dot = key.indexOf('.', PREFIX.length());
            if (!key.startsWith(PREFIX) || dot < 0) {
                throw new MalformedFrameException("unexpected key '" + key + "' in service definitions");
            }
            int index;
            try {
                index = Integer.parseInt(key.substring(PREFIX.length(), dot));
            } catch (NumberFormatException e) {
                throw new MalformedFrameException("key '" + key + "' does not number its service");
            }
            byIndex.computeIfAbsent(index, i -> new TreeMap<>()).put(key.substring(dot + 1), properties.getProperty(key));
        }
        List<ServiceDefinition> services = new ArrayList<>();
        for (var entry : byIndex.entrySet()) {
            services.add(definition(entry.getKey(), entry.getValue()));
        }
        if (services.stream().map(ServiceDefinition::name).distinct().count() != services.size()) {
            throw new MalformedFrameException("service definitions name a service twice");
        }
        return services;
    }

    private static ServiceDefinition definition(int index, Map<String, String> keys) throws MalformedFrameException {
        String where = "service " + index;
        String name = keys.get("name");
        String type = keys.get("type");
        if (name == null || name.isBlank() || type == null || type.isBlank()) {
            throw new MalformedFrameException(where + " needs a name and a type");
        }
        Map<String, String> parameters = new TreeMap<>();
        Duration interval = ServiceDefinition.DEFAULT_INTERVAL;
        for (var entry : keys.entrySet()) {
            String key = entry.getKey();
            if (key.startsWith("param.") && key.length() > "param.".length()) {
                parameters.put(key.substring("param.".length()), entry.getValue());
            } else if (key.equals("interval-ms")) {
                interval = interval(name, entry.getValue());
            } else if (!key.equals("name") && !key.equals("type")) {
                throw new MalformedFrameException("unexpected key '" + key + "' for service " + name);
            }
        }
        return new ServiceDefinition(name, type, parameters, interval);
    }

    private static Duration interval(String service, String value) throws MalformedFrameException {
        try {
            long millis = Long.parseLong(value);
            if (millis > 0) {
                return Duration.ofMillis(millis);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new MalformedFrameException("check interval of " + service + " must be a positive number of ms, not '" + value + "'");
    }
}
