package org.basket.northbound.snmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.basket.api.cluster.ClusterEvent;
import org.basket.api.cluster.EventKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * etc/org.basket.snmp.cfg changed while Basket runs: a mistake is refused naming file and key, told to the targets,
 * and the last good settings stay; a target that never answers costs the others nothing.
 */
class ConfigurationTest {
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
    void aMistakeIsRefusedNamingFileAndKeyAndTheAgentAndTargetsInForceStay() throws Exception {
        try (TrapReceiver receiver = TrapReceiver.start(temp.resolve("trapd"), "authCommunity log public")) {
            int port = NetSnmp.freeUdpPort();
            Map<String, Object> good = NotificationsTest.config();
            good.put("agent.enabled", "true");
            good.put("agent.port", String.valueOf(port));
            good.put("agent.community", "basket-ro");
            good.put("state.directory", temp.resolve("state").toString());
            NotificationsTest.target(good, "nms", receiver.port, "v2c", "trap", "public", "");
            snmp = new SnmpNorthbound(new FakeCluster());
            snmp.activate(good);

            Map<String, Object> typo = new java.util.HashMap<>(good);
            typo.put("agent.port", String.valueOf(NetSnmp.freeUdpPort()));
            typo.remove("target.nms.address");
            typo.put("target.nms.adress", "127.0.0.1:162");
            snmp.modified(typo);

            List<TrapReceiver.Trap> traps = receiver.awaitTraps(1);
            assertEquals("BASKET-MIB::basketConfigRejected", traps.get(0).notification());
            assertEquals("error(3)", traps.get(0).value("BASKET-MIB::basketEventSeverity.0"));
            String message = traps.get(0).value("BASKET-MIB::basketEventMessage.0");
            assertTrue(message.startsWith("configuration rejected: org.basket.snmp.cfg: key 'target.nms.adress': unknown key"),
                    message);
            assertEquals(port, snmp.agentPort(), "the agent stays where it was");
            NetSnmp.Result standing = NetSnmp.run(temp, NetSnmp.command("snmpget", "-v2c", "-c", "basket-ro", "-Oqv",
                    "127.0.0.1:" + port, "BASKET-MIB::basketManagerStanding.0"));
            assertEquals("leads in epoch 3\n", standing.output());

            snmp.event(new ClusterEvent(7, Instant.now(), ClusterEvent.Severity.WARNING, EventKind.HOST_FENCED, "node3",
                    "", "", Optional.empty(), "host node3 fenced by node3-ipmi"));
            assertEquals("BASKET-MIB::basketHostFenced", receiver.awaitTraps(2).get(1).notification(),
                    "the target in force still hears of events");
        }
    }

    @Test
    void aTargetThatNeverAnswersGetsItsOutstandingInformsOnlyAndTheOthersAllTheirs() throws Exception {
        try (TrapReceiver receiver = TrapReceiver.start(temp.resolve("trapd"), "authCommunity log public");
             DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            Map<String, Object> config = NotificationsTest.config();
            config.put("state.directory", temp.resolve("state").toString());
            config.put("inform.outstanding", "2");
            NotificationsTest.target(config, "silent", silent.getLocalPort(), "v2c", "inform", "public", "");
            config.put("target.silent.timeout.ms", "60000");
            config.put("target.silent.retries", "0");
            NotificationsTest.target(config, "nms", receiver.port, "v2c", "trap", "public", "");
            snmp = new SnmpNorthbound(new FakeCluster());
            snmp.activate(config);

            for (int i = 1; i <= 5; i++) {
                snmp.event(new ClusterEvent(i, Instant.now(), ClusterEvent.Severity.ERROR, EventKind.FENCE_FAILED,
                        "node3", "", "", Optional.empty(), "fencing node3 failed, attempt " + i));
            }

            List<TrapReceiver.Trap> traps = receiver.awaitTraps(5);
            assertEquals(List.of("1", "2", "3", "4", "5"), traps.stream()
                    .map(t -> t.value("BASKET-MIB::basketEventSequence.0")).toList());
            org.awaitility.Awaitility.await().until(() -> snmp.sent() == 7);
            assertEquals(3, snmp.dropped(), "the silent target's informs beyond the 2 outstanding");
        }
    }
}
