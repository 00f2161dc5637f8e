package org.basket.northbound.snmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Basket's agent read by net-snmp's snmpwalk and snmptable: directly (v2c, v3 authPriv) and through a real snmpd's proxy. */
class AgentTest {
    @TempDir
    Path temp;
    private SnmpNorthbound snmp;
    private int port;

    @BeforeEach
    void start() throws Exception {
        port = NetSnmp.freeUdpPort();
        Map<String, Object> config = NotificationsTest.config();
        config.put("agent.enabled", "true");
        config.put("agent.port", String.valueOf(port));
        config.put("agent.community", "basket-ro");
        config.put("agent.users", "reader");
        NotificationsTest.user(config, "reader", "SHA-512", "readerauth1", "AES-256", "readerpriv1");
        config.put("state.directory", temp.resolve("state").toString());
        snmp = new SnmpNorthbound(new FakeCluster());
        snmp.activate(config);
        assertEquals(port, snmp.agentPort());
    }

    @AfterEach
    void stop() {
        snmp.deactivate();
    }

    /** Rows in the order of their index: the name's length, then its characters. */
    @Test
    void snmptableShowsTheHostsResourcesAndWhereTablesOverV2c() throws Exception {
        String hosts = table("-v2c", "-c", "basket-ro", "127.0.0.1:" + port, "BASKET-MIB::basketHostTable");
        assertEquals("""
                index,basketHostState,basketHostDriver,basketHostResources,basketHostCpusUsed,basketHostCpus,basketHostMemoryUsed,basketHostMemory,basketHostReason
                "node1",online,sim,0,0 CPUs,8 CPUs,0 MB,16384 MB,
                "node2",online,sim,2,2 CPUs,8 CPUs,4096 MB,16384 MB,
                "node3",unclean,sim,0,0 CPUs,4 CPUs,0 MB,8192 MB,no answer for 3 s
                """, hosts);
        String resources = table("-v2c", "-c", "basket-ro", "127.0.0.1:" + port, "BASKET-MIB::basketResourceTable");
        assertEquals("""
                index,basketResourceKind,basketResourceState,basketResourceHost,basketResourceContainer,basketResourceReason
                "db",virtualMachine,running,node2,,
                "web",virtualMachine,failed,,,waiting for node3 to be fenced
                "batch",virtualMachine,disabled,,,
                "postgres",guestService,running,node2,db,
                """, resources);
        String where = table("-v2c", "-c", "basket-ro", "127.0.0.1:" + port, "BASKET-MIB::basketWhereTable");
        assertEquals("""
                index,basketWhereVm,basketWhereHost
                "db",db,node2
                "web",web,
                "batch",batch,
                "postgres",db,node2
                """, where);
    }

    @Test
    void snmpwalkReadsTheSameOverV3AuthPrivAndAWrongCommunityReadsNothing() throws Exception {
        NetSnmp.Result walk = NetSnmp.run(temp, NetSnmp.command("snmpwalk", "-v3", "-l", "authPriv", "-u", "reader",
                "-a", "SHA-512", "-A", "readerauth1", "-x", "AES-256", "-X", "readerpriv1", "-Oqs",
                "127.0.0.1:" + port, "BASKET-MIB::basketWhereHost"));
        assertEquals(0, walk.exit(), walk.output());
        assertEquals("""
                basketWhereHost."db" node2
                basketWhereHost."web"\s
                basketWhereHost."batch"\s
                basketWhereHost."postgres" node2
                """, walk.output(), "in the order of their index: the name's length, then its characters");
        NetSnmp.Result status = NetSnmp.run(temp, NetSnmp.command("snmpget", "-v3", "-l", "authPriv", "-u", "reader",
                "-a", "SHA-512", "-A", "readerauth1", "-x", "AES-256", "-X", "readerpriv1", "-Oqs",
                "127.0.0.1:" + port, "BASKET-MIB::basketManagerStanding.0", "BASKET-MIB::basketConfigProblems.0",
                "BASKET-MIB::basketNotificationsSent.0", "BASKET-MIB::basketNotificationsDropped.0"));
        assertEquals("""
                basketManagerStanding.0 leads in epoch 3
                basketConfigProblems.0 1
                basketNotificationsSent.0 0
                basketNotificationsDropped.0 0
                """, status.output());
        NetSnmp.Result wrong = NetSnmp.run(temp, NetSnmp.command("snmpwalk", "-v2c", "-c", "public", "-t", "1", "-r", "0",
                "127.0.0.1:" + port, "BASKET-MIB::basketMIB"));
        assertTrue(wrong.output().contains("Timeout"), wrong.output());
    }

    /** SNMPv1 is not served, not even to the right community; outside BASKET-MIB v2c and v3 readers see nothing. */
    @Test
    void noSnmpV1AndNothingOutsideBasketMib() throws Exception {
        NetSnmp.Result v1 = NetSnmp.run(temp, NetSnmp.command("snmpget", "-v1", "-c", "basket-ro", "-t", "1", "-r", "0",
                "127.0.0.1:" + port, "BASKET-MIB::basketManagerStanding.0"));
        assertTrue(v1.output().contains("Timeout"), v1.output());
        NetSnmp.Result v2c = NetSnmp.run(temp, NetSnmp.command("snmpget", "-v2c", "-c", "basket-ro", "-Oqs",
                "127.0.0.1:" + port, "BASKET-MIB::basketManagerStanding.0", "SNMPv2-MIB::sysDescr.0"));
        assertEquals("""
                basketManagerStanding.0 leads in epoch 3
                sysDescr.0 No Such Object available on this agent at this OID
                """, v2c.output());
        NetSnmp.Result v3 = NetSnmp.run(temp, NetSnmp.command("snmpget", "-v3", "-l", "authPriv", "-u", "reader",
                "-a", "SHA-512", "-A", "readerauth1", "-x", "AES-256", "-X", "readerpriv1", "-Oqs",
                "127.0.0.1:" + port, "SNMPv2-MIB::sysDescr.0"));
        assertEquals("sysDescr.0 No Such Object available on this agent at this OID\n", v3.output());
    }

    @Test
    void netSnmpsSnmpdProxiesBasketsSubtreeToTheAgent() throws Exception {
        int snmpdPort = NetSnmp.freeUdpPort();
        Path dir = Files.createDirectories(temp.resolve("snmpd"));
        Path config = Files.writeString(dir.resolve("snmpd.conf"), String.join("\n",
                "rocommunity machine-ro 127.0.0.1",
                "proxy -v 2c -c basket-ro 127.0.0.1:" + port + " .1.3.6.1.4.1." + BasketMib.ENTERPRISE, ""));
        ProcessBuilder builder = new ProcessBuilder("snmpd", "-f", "-C", "-c", config.toString(), "-Lf",
                dir.resolve("snmpd.log").toString(), "-p", dir.resolve("snmpd.pid").toString(),
                "udp:127.0.0.1:" + snmpdPort).redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile());
        builder.environment().put("SNMP_PERSISTENT_DIR", dir.resolve("persist").toString());
        builder.environment().put("MIBS", "");
        Process snmpd = builder.start();
        try {
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() ->
                    NetSnmp.run(temp, List.of("snmpget", "-v2c", "-c", "machine-ro", "-t", "1", "-r", "0",
                            "127.0.0.1:" + snmpdPort, "1.3.6.1.2.1.1.3.0")).exit() == 0);
            String where = table("-v2c", "-c", "machine-ro", "127.0.0.1:" + snmpdPort, "BASKET-MIB::basketWhereTable");
            assertEquals("""
                    index,basketWhereVm,basketWhereHost
                    "db",db,node2
                    "web",web,
                    "batch",batch,
                    "postgres",db,node2
                    """, where);
            NetSnmp.Result machine = NetSnmp.run(temp, List.of("snmpget", "-v2c", "-c", "machine-ro", "-Oqv",
                    "127.0.0.1:" + snmpdPort, "1.3.6.1.2.1.1.5.0"));
            assertEquals(0, machine.exit(), "snmpd answers for the machine too: " + machine.output());
        } finally {
            snmpd.destroy();
            if (!snmpd.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                snmpd.destroyForcibly();
            }
        }
    }

    private String table(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("-Ci", "-Cf", ",", "-CB"));
        command.addAll(List.of(args));
        NetSnmp.Result result = NetSnmp.run(temp, NetSnmp.command("snmptable", command.toArray(String[]::new)));
        assertEquals(0, result.exit(), result.output());
        return result.output().lines().filter(l -> !l.isBlank() && !l.startsWith("SNMP table:"))
                .map(l -> l + "\n").reduce("", String::concat);
    }
}
