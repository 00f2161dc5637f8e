package org.basket.itests;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.basket.driver.powervm.internal.HmcSimulator;

/**
 * Outside the distribution, started by {@link PowervmIT}'s configuration once per JVM and stopped with it: the
 * simulated HMC (3 managed systems, one partition each, the third not activated) over HTTPS. What the distribution
 * needs to know goes to it as system properties {@code hmc.<driver key>} and {@code hmc.system<i>}.
 */
final class PowervmTestbed {
    private static Map<String, String> properties;

    private PowervmTestbed() {
    }

    static synchronized Map<String, String> properties() {
        if (properties == null) {
            try {
                properties = start();
            } catch (IOException e) {
                throw new IllegalStateException("cannot start the simulated HMC: " + e, e);
            }
        }
        return properties;
    }

    private static Map<String, String> start() throws IOException {
        HmcSimulator simulator = HmcSimulator.start(3, 1);
        simulator.partitionState("lpar2-0", "not activated");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                simulator.close();
            } catch (IOException e) {
                // the JVM ends anyway
            }
        }));
        Map<String, String> keys = new HashMap<>();
        simulator.endpointKeys().forEach((key, value) -> keys.put("hmc." + key, value));
        List<String> systems = simulator.systemNames();
        for (int i = 0; i < systems.size(); i++) {
            keys.put("hmc.system" + i, systems.get(i));
        }
        return keys;
    }
}
