package org.basket.northbound.cim;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An instance's name: its class and key values (string keys, or references for associations). Equal regardless of
 * the case of the class and key names, as CIM compares them.
 */
record InstanceName(String className, Map<String, CimValue> keys) {
    InstanceName {
        keys = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(keys));
    }

    static InstanceName of(String className, String... keyValues) {
        Map<String, CimValue> keys = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            keys.put(keyValues[i], CimValue.string(keyValues[i + 1]));
        }
        return new InstanceName(className, keys);
    }

    /** The same instance, by CIM's rules: class and key names without regard to case, values exactly. */
    boolean sameAs(InstanceName other) {
        return className.equalsIgnoreCase(other.className) && normalized().equals(other.normalized());
    }

    private Map<String, Object> normalized() {
        Map<String, Object> result = new java.util.TreeMap<>();
        keys.forEach((key, value) -> result.put(CimClasses.lower(key), value instanceof CimValue.Reference r
                ? r.target().className().toLowerCase(java.util.Locale.ROOT) + r.target().normalized()
                : value instanceof CimValue.Scalar s ? s.value() : Objects.toString(value)));
        return result;
    }
}
