package org.basket.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ConfigHashTest {

    @Test
    void theSameDefinitionsGiveTheSameHashWhateverTheOrderTheyArrivedIn() {
        ConfigStore one = store(List.of("node1", "node2"), Map.of("param.agent", "heartbeat:Dummy", "param.state", "/tmp/s"));
        ConfigStore other = store(List.of("node2", "node1"), reversed(Map.of("param.agent", "heartbeat:Dummy", "param.state", "/tmp/s")));

        assertEquals(ConfigHash.of(one.build()), ConfigHash.of(other.build()));
        assertEquals(16, ConfigHash.of(one.build()).length());
    }

    @Test
    void anyChangeOfADefinitionChangesIt() {
        String before = ConfigHash.of(store(List.of("node1", "node2"), Map.of("param.agent", "heartbeat:Dummy")).build());

        assertNotEquals(before, ConfigHash.of(store(List.of("node1", "node2"), Map.of("param.agent", "heartbeat:Stateful")).build()));
        assertNotEquals(before, ConfigHash.of(store(List.of("node1"), Map.of("param.agent", "heartbeat:Dummy")).build()));
        assertNotEquals(before, ConfigHash.of(new ConfigStore().build()));
    }

    private static ConfigStore store(List<String> hosts, Map<String, String> params) {
        ConfigStore store = new ConfigStore();
        file(store, ConfigPids.DRIVER, "sim", Map.of("type", "sim"));
        hosts.forEach(host -> file(store, ConfigPids.HOST, host, Map.of("driver", "sim")));
        file(store, ConfigPids.RESOURCE, "vm", Map.of("cpus", "1"));
        Map<String, String> web = new LinkedHashMap<>(Map.of("kind", "guest-service", "container", "vm", "check", "ocf"));
        web.putAll(params);
        file(store, ConfigPids.RESOURCE, "web", web);
        assertEquals(List.of(), store.build().problems());
        return store;
    }

    /** A definition file, as the configuration folder reads it. */
    private static void file(ConfigStore store, String factoryPid, String name, Map<String, String> keys) {
        Map<String, Object> raw = new LinkedHashMap<>(keys);
        raw.put("felix.fileinstall.filename", "file:/etc/" + factoryPid + "-" + name + ".cfg");
        store.update(factoryPid, factoryPid + "~" + name, raw);
    }

    private static Map<String, String> reversed(Map<String, String> map) {
        Map<String, String> reversed = new LinkedHashMap<>();
        map.keySet().stream().sorted(java.util.Comparator.reverseOrder()).forEach(k -> reversed.put(k, map.get(k)));
        return reversed;
    }
}
