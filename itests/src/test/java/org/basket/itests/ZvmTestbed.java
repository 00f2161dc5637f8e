package org.basket.itests;

import java.util.LinkedHashMap;
import java.util.Map;

import org.basket.driver.zvm.internal.FeilongSimulator;

/**
 * Outside the distribution, started by {@link ZvmIT}'s configuration once per JVM and stopped with it: the Feilong
 * simulator (3 SSI members ZVM1..ZVM3 with a connector each over TLS, guests LINUX01..LINUX03, one per member,
 * relocations of 1.5 s) and its control endpoint. What the distribution needs to know goes to it as system properties,
 * each driver key as {@code zvm.key.<key>}.
 */
final class ZvmTestbed {
    private static Map<String, String> properties;

    private ZvmTestbed() {
    }

    static synchronized Map<String, String> properties() {
        if (properties == null) {
            try {
                FeilongSimulator simulator = FeilongSimulator.start(3, 3);
                simulator.relocationMs(1_500);
                Runtime.getRuntime().addShutdownHook(new Thread(simulator::close));
                Map<String, String> found = new LinkedHashMap<>();
                simulator.endpointKeys().forEach((key, value) -> found.put("zvm.key." + key, value));
                found.put("zvm.control", simulator.controlUrl());
                properties = found;
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the Feilong simulator: " + e, e);
            }
        }
        return properties;
    }
}
