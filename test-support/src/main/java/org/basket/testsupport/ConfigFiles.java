package org.basket.testsupport;

import java.util.HashMap;
import java.util.Map;

/**
 * Configuration files of etc/ without the files: what Felix FileInstall hands a factory for
 * {@code <factoryPid>-<name>.cfg} (its keys and values, and the file they came from), under the pid
 * {@code pid-<factoryPid>-<name>}.
 */
public final class ConfigFiles {
    /** Where a file's properties go: a configuration store's {@code update}. */
    @FunctionalInterface
    public interface Store {
        void update(String factoryPid, String pid, Map<String, ?> properties);
    }

    private ConfigFiles() {
    }

    /** Hands {@code <factoryPid>-<name>.cfg} with these keys and values (key, value, key, value...) to the store. */
    public static void put(Store store, String factoryPid, String name, String... keyValues) {
        store.update(factoryPid, pid(factoryPid, name), properties(factoryPid, name, keyValues));
    }

    public static String pid(String factoryPid, String name) {
        return "pid-" + factoryPid + "-" + name;
    }

    /** The file's properties, in a map the caller may change: the keys and values, and felix.fileinstall.filename. */
    public static Map<String, Object> properties(String factoryPid, String name, String... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException(factoryPid + "-" + name + ".cfg: key " + keyValues[keyValues.length - 1]
                    + " has no value");
        }
        Map<String, Object> properties = new HashMap<>();
        properties.put("felix.fileinstall.filename", "file:/etc/" + factoryPid + "-" + name + ".cfg");
        for (int i = 0; i < keyValues.length; i += 2) {
            properties.put(keyValues[i], keyValues[i + 1]);
        }
        return properties;
    }
}
