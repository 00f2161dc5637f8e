package org.basket.northbound.cim;

import java.util.LinkedHashMap;
import java.util.Map;

/** An instance: its name and its properties (the keys among them). */
record CimInstance(InstanceName name, Map<String, CimValue> properties) {
    CimInstance {
        Map<String, CimValue> all = new LinkedHashMap<>(name.keys());
        all.putAll(properties);
        properties = java.util.Collections.unmodifiableMap(all);
    }

    String className() {
        return name.className();
    }
}
