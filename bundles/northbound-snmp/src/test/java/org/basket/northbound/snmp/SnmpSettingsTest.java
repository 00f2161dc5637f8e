package org.basket.northbound.snmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.basket.api.config.ConfigException;
import org.junit.jupiter.api.Test;

/** etc/org.basket.snmp.cfg read strictly: every bad key named with its file, secrets never shown. */
class SnmpSettingsTest {
    private static final String FILE = "org.basket.snmp.cfg";

    @Test
    void targetsAndUsersAreReadFromTheirOwnKeys() throws ConfigException {
        Map<String, Object> raw = new HashMap<>(Map.of("target.nms.address", "127.0.0.1:162", "target.nms.community", "public",
                "target.secure.address", "[::1]:10162", "target.secure.version", "v3", "target.secure.type", "inform",
                "target.secure.user", "ops", "user.ops.auth.protocol", "SHA-256", "user.ops.auth.password", "authpass1",
                "user.ops.priv.protocol", "AES-256", "user.ops.priv.password", "privpass1"));
        raw.put("agent.users", "ops");

        SnmpSettings settings = SnmpSettings.from(raw);

        assertEquals("[nms (v2c traps to 127.0.0.1:162), secure (v3 informs to 0:0:0:0:0:0:0:1:10162)]",
                settings.targets().toString());
        assertEquals("[ops (SHA-256, AES-256)]", settings.agent().orElseThrow().users().toString());
        assertEquals(1161, settings.agent().orElseThrow().port());
    }

    @Test
    void everyMistakeIsNamedWithItsFileAndKeyInOneMessage() {
        Map<String, Object> raw = new HashMap<>(Map.of("felix.fileinstall.filename", "file:/opt/basket/etc/" + FILE,
                "target.nms.adress", "127.0.0.1:162", "target.bad.address", "nms.example.org:162",
                "target.bad.community", "public", "target.v3.address", "127.0.0.1:70000", "target.v3.version", "v3",
                "target.v3.user", "nobody", "user.ops.auth.protocol", "MD5", "user.ops.auth.password", "short",
                "user.ops.priv.protocol", "DES"));
        raw.put("agent.port", "-1");
        raw.put("queue.capacity", "many");

        ConfigException e = assertThrows(ConfigException.class, () -> SnmpSettings.from(raw));

        assertEquals(List.of("target.nms.adress", "queue.capacity", "user.ops.auth.protocol", "user.ops.priv.protocol",
                        "user.ops.auth.password", "user.ops.priv.password", "target.bad.address", "target.nms.address",
                        "target.nms.community", "target.v3.address", "target.v3.user", "agent.port"),
                e.problems().stream().map(p -> p.key()).toList());
        String message = e.describe(SnmpSettings.source(raw));
        assertEquals(FILE + ": key 'target.nms.adress': unknown key", message.substring(0, message.indexOf(" (known")));
        assertEquals(false, message.contains("short"), "a password is never shown: " + message);
    }

    @Test
    void theDocumentedExampleIsAccepted() throws Exception {
        java.util.Properties example = new java.util.Properties();
        try (var in = java.nio.file.Files.newBufferedReader(java.nio.file.Path.of("../../config/org.basket.snmp.cfg.example"))) {
            example.load(in);
        }
        Map<String, Object> raw = new HashMap<>();
        example.forEach((key, value) -> raw.put((String) key, value));

        SnmpSettings settings = SnmpSettings.from(raw);

        assertEquals("[nms (v2c traps to 127.0.0.1:162), secure-nms (v3 informs to 192.0.2.10:162)]",
                settings.targets().toString());
        assertEquals("[ops (SHA-256, AES-128)]", settings.agent().orElseThrow().users().toString());
    }

    @Test
    void aV2cTargetNeedsItsCommunityAndAV3TargetItsUser() {
        ConfigException e = assertThrows(ConfigException.class, () -> SnmpSettings.from(Map.of(
                "target.a.address", "127.0.0.1:162", "target.b.address", "127.0.0.1:162", "target.b.version", "v3")));

        assertEquals("a v2c target needs a community; key 'target.b.user': a v3 target needs a user: ''", e.getMessage());
    }
}
