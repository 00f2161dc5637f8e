package org.basket.agent.monitors;

import java.util.LinkedHashMap;
import java.util.Map;
import org.basket.api.monitor.ServiceDefinition;

/** Builds service definitions in tests: {@code service("web", "http", "url", "http://...")}. */
public final class Definitions {

    private Definitions() {
    }

    public static ServiceDefinition service(String name, String type, String... keysAndValues) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            parameters.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return new ServiceDefinition(name, type, parameters);
    }
}
