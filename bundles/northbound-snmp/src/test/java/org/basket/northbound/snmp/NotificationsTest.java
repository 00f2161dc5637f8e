package org.basket.northbound.snmp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.basket.api.cluster.ClusterEvent;
import org.basket.api.cluster.EventKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Basket's notifications as a real snmptrapd receives and decodes them: v2c traps and informs, v3 authPriv. */
class NotificationsTest {
    static final String ENGINE = "0x80001370046261736b65742d74657374";

    @TempDir
    Path temp;
    private SnmpNorthbound snmp;

    @AfterEach
    void stop() {
        if (snmp != null) {
            snmp.deactivate();
        }
    }

    @Test
    void aLostHostReachesEveryTargetWithItsVarbindsInV2cTrapsAndInformsAndV3AuthPriv() throws Exception {
        try (TrapReceiver receiver = TrapReceiver.start(temp.resolve("trapd"),
                "authCommunity log public",
                "createUser -e " + ENGINE + " ops SHA-256 authpass123 AES privpass123",
                "createUser -e " + ENGINE + " ops512 SHA-512 authpass512x AES-256 privpass512x",
                "createUser ops SHA-256 authpass123 AES privpass123",
                "authUser log ops priv", "authUser log ops512 priv")) {
            Map<String, Object> config = config();
            target(config, "a-v2c-trap", receiver.port, "v2c", "trap", "public", "");
            target(config, "b-v2c-inform", receiver.port, "v2c", "inform", "public", "");
            target(config, "c-v3-trap", receiver.port, "v3", "trap", "", "ops");
            target(config, "d-v3-trap-sha512", receiver.port, "v3", "trap", "", "ops512");
            target(config, "e-v3-inform", receiver.port, "v3", "inform", "", "ops");
            user(config, "ops", "SHA-256", "authpass123", "AES-128", "privpass123");
            user(config, "ops512", "SHA-512", "authpass512x", "AES-256", "privpass512x");
            snmp = start(config);

            snmp.event(new ClusterEvent(41, Instant.now(), ClusterEvent.Severity.WARNING, EventKind.HOST_DEAD, "node3",
                    "", "", Optional.empty(), "host node3 is dead: power off"));

            List<TrapReceiver.Trap> traps = receiver.awaitTraps(5);
            assertEquals(5, traps.size(), traps.toString());
            for (TrapReceiver.Trap trap : traps) {
                assertEquals("BASKET-MIB::basketHostLost", trap.notification(), trap.toString());
                assertEquals("41", trap.value("BASKET-MIB::basketEventSequence.0"));
                assertEquals("warning(2)", trap.value("BASKET-MIB::basketEventSeverity.0"));
                assertEquals("node3", trap.value("BASKET-MIB::basketEventHost.0"));
                assertEquals("host node3 is dead: power off", trap.value("BASKET-MIB::basketEventMessage.0"));
                assertEquals("0", trap.value("BASKET-MIB::basketEventRepeats.0"));
            }
            Set<String> security = traps.stream().map(TrapReceiver.Trap::security).collect(Collectors.toSet());
            assertEquals(Set.of("TRAP2, SNMP v2c, community public", "INFORM, SNMP v2c, community public",
                    "TRAP2, SNMP v3, user ops, context ", "TRAP2, SNMP v3, user ops512, context ",
                    "INFORM, SNMP v3, user ops, context "), security, "how each came");
            assertEquals(5, snmp.sent());
            assertEquals(0, snmp.dropped());
        }
    }

    static Map<String, Object> config() {
        Map<String, Object> config = new HashMap<>();
        config.put("felix.fileinstall.filename", "file:/opt/basket/etc/org.basket.snmp.cfg");
        config.put("engine.id", ENGINE);
        config.put("agent.enabled", "false");
        return config;
    }

    static void target(Map<String, Object> config, String name, int port, String version, String type, String community,
                       String user) {
        config.put("target." + name + ".address", "127.0.0.1:" + port);
        config.put("target." + name + ".version", version);
        config.put("target." + name + ".type", type);
        if (!community.isEmpty()) {
            config.put("target." + name + ".community", community);
        }
        if (!user.isEmpty()) {
            config.put("target." + name + ".user", user);
        }
    }

    static void user(Map<String, Object> config, String name, String auth, String authPassword, String priv,
                     String privPassword) {
        config.put("user." + name + ".auth.protocol", auth);
        config.put("user." + name + ".auth.password", authPassword);
        config.put("user." + name + ".priv.protocol", priv);
        config.put("user." + name + ".priv.password", privPassword);
    }

    SnmpNorthbound start(Map<String, Object> config) {
        config.put("state.directory", temp.resolve("state").toString());
        SnmpNorthbound started = new SnmpNorthbound(new FakeCluster());
        started.activate(config);
        return started;
    }
}
