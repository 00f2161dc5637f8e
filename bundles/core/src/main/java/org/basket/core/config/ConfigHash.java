package org.basket.core.config;

import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * A digest of the hosts, resources and constraints in force, the same on every manager that has the same definitions:
 * records by their components, maps by sorted key, whatever order a JVM iterates them in.
 */
public final class ConfigHash {
    private ConfigHash() {
    }

    /** The first 16 hex digits of the SHA-256 of the canonical text of the hosts, resources, services and constraints. */
    public static String of(ConfigStore.Result configuration) {
        StringBuilder text = new StringBuilder();
        render(configuration.config(), text);
        render(configuration.services(), text);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static void render(Object value, StringBuilder text) {
        if (value instanceof Record record) {
            text.append(record.getClass().getSimpleName()).append('(');
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                text.append(component.getName()).append('=');
                try {
                    render(component.getAccessor().invoke(record), text);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot read " + component, e);
                }
                text.append(';');
            }
            text.append(')');
        } else if (value instanceof Map<?, ?> map) {
            Map<String, Object> sorted = new TreeMap<>();
            map.forEach((k, v) -> sorted.put(String.valueOf(k), v));
            text.append('{');
            sorted.forEach((k, v) -> {
                text.append(k).append('=');
                render(v, text);
                text.append(',');
            });
            text.append('}');
        } else if (value instanceof Collection<?> items) {
            text.append('[');
            items.stream().map(item -> {
                StringBuilder one = new StringBuilder();
                render(item, one);
                return one.toString();
            }).sorted().forEach(one -> text.append(one).append(','));
            text.append(']');
        } else {
            text.append(value);
        }
    }
}
