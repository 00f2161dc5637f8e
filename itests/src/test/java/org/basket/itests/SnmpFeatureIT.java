package org.basket.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.karaf.features.FeaturesService;
import org.junit.Test;

/**
 * The feature basket-snmp in the distribution, which does not boot it: installed from system/ and configured by
 * etc/org.basket.snmp.cfg, it tells a real snmptrapd of a simulated host crash (lost, fenced, each VM recovered) and its
 * agent answers snmpwalk with where the VMs run afterwards. OIDs are numeric here: BASKET-MIB's enterprise is
 * 1.3.6.1.4.1.99999, a placeholder.
 */
public class SnmpFeatureIT extends BasketTestSupport {
    private static final String BASKET = ".1.3.6.1.4.1.99999";

    @Test
    public void aCrashedHostIsToldAsLostFencedAndItsVmsRecoveredAndTheAgentShowsWhereTheyRunNow() throws Exception {
        awaitDemoRunning();
        service(FeaturesService.class).installFeature("basket-snmp", EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles));
        Path dir = Files.createTempDirectory("basket-snmptrapd");
        int trapPort = freeUdpPort();
        int agentPort = freeUdpPort();
        Files.writeString(dir.resolve("snmptrapd.conf"), "authCommunity log public\n");
        Path log = dir.resolve("traps.log");
        ProcessBuilder builder = new ProcessBuilder("snmptrapd", "-f", "-C", "-c", dir.resolve("snmptrapd.conf").toString(),
                "-On", "-Lf", log.toString(), "-F", "TRAP %V| %v\n", "udp:127.0.0.1:" + trapPort)
                .redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile());
        builder.environment().put("SNMP_PERSISTENT_DIR", dir.resolve("persist").toString());
        builder.environment().put("MIBS", "");
        Process trapd = builder.start();
        try {
            await("snmptrapd listens", () -> read(log).contains("NET-SNMP version"));
            writeConfig("org.basket.snmp.cfg", "agent.port = " + agentPort, "agent.community = itest",
                    "target.itest.address = 127.0.0.1:" + trapPort, "target.itest.community = public");
            await("the SNMP agent answers", () -> walk(agentPort, BASKET + ".1.4.1").contains("STRING"));

            String host = hostOf("db");
            List<String> vms = DEMO_VMS.stream().filter(vm -> host.equals(hostOf(vm))).toList();
            execute("sim:crash-host " + host);
            await("every VM of " + host + " runs again elsewhere", () -> vms.stream()
                    .allMatch(vm -> runningOnOneHost(vm) && !host.equals(hostOf(vm))));

            await("snmptrapd got the host lost, fenced and each recovery", () -> !traps(log, ".0.1").isEmpty()
                    && !traps(log, ".0.2").isEmpty() && traps(log, ".0.5").size() >= vms.size());
            String lost = traps(log, ".0.1").get(0);
            assertTrue(lost, lost.contains(BASKET + ".1.5.3.0 = STRING: \"" + host + "\""));
            assertTrue(traps(log, ".0.2").get(0), traps(log, ".0.2").get(0).contains("\"" + host + "\""));
            for (String vm : vms) {
                assertEquals(vm + " recovered once: " + traps(log, ".0.5"), 1, traps(log, ".0.5").stream()
                        .filter(t -> t.contains(BASKET + ".1.5.4.0 = STRING: \"" + vm + "\"")).count());
            }
            String where = walk(agentPort, BASKET + ".1.3.1.3");
            for (String vm : vms) {
                assertTrue(where, where.contains(index(vm) + " = STRING: \"" + hostOf(vm) + "\""));
            }
        } finally {
            Files.deleteIfExists(etc("org.basket.snmp.cfg"));
            trapd.destroy();
            if (!trapd.waitFor(5, TimeUnit.SECONDS)) {
                trapd.destroyForcibly();
            }
            deleteTree(dir);
        }
    }

    /** The varbinds of each notification whose snmpTrapOID is BASKET + suffix. */
    private static List<String> traps(Path log, String suffix) {
        List<String> traps = new ArrayList<>();
        for (String line : read(log).split("\n")) {
            if (line.startsWith("TRAP ") && line.contains(".1.3.6.1.6.3.1.1.4.1.0 = OID: " + BASKET + suffix + "|")) {
                traps.add(line);
            }
        }
        return traps;
    }

    /** A name as a table index: its length, then its characters. */
    private static String index(String name) {
        StringBuilder oid = new StringBuilder("." + name.length());
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            oid.append('.').append(b);
        }
        return oid.toString();
    }

    private String walk(int port, String oid) {
        try {
            ProcessBuilder builder = new ProcessBuilder("snmpwalk", "-v2c", "-c", "itest", "-On", "-t", "1", "-r", "0",
                    "127.0.0.1:" + port, oid).redirectErrorStream(true);
            builder.environment().put("MIBS", "");
            Process walk = builder.start();
            String output = new String(walk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            walk.waitFor(10, TimeUnit.SECONDS);
            return output;
        } catch (IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e.toString();
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private <S> S service(Class<S> type) {
        return bundleContext.getService(bundleContext.getServiceReference(type));
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
