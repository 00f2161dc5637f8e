package org.basket.itests;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.basket.driver.vmware.internal.VsphereSimulator;

/**
 * Outside the distribution, started by {@link VmwareIT}'s configuration once per JVM and stopped with it: the vSphere
 * API simulator (3 hosts, 6 VMs, vMotions of 1 s) over TLS with a certificate it makes and a truststore made here,
 * and for each of its hosts a BMC, ipmi_sim (Debian openipmi) on a free UDP port of 127.0.0.1, whose chassis power
 * is the simulated host's (its chassis program asks and cuts it through the simulator's control endpoint with curl).
 * What the distribution needs to know goes to it as system properties.
 */
final class VcenterTestbed {
    static final String BMC_USER = "admin";
    static final String BMC_PASSWORD = "Bmc-s3cret-esx";
    static final List<String> HOSTS = List.of("DC0_C0_H0", "DC0_C0_H1", "DC0_C0_H2");
    private static final String CHASSIS = """
            #!/bin/sh
            # chassis program of ipmi_sim: BASE CACERT HOST, then "get power" or "set power 0|1"
            base=$1 cacert=$2 host=$3
            case "$4 $5" in
              "get power") state=$(curl -sf --max-time 5 --cacert "$cacert" "$base/bmc?host=$host")
                           [ "$state" = off ] && echo "power:0" || echo "power:1" ;;
              "set power") [ "$6" = 0 ] && power=off || power=on
                           curl -sf --max-time 5 --cacert "$cacert" -X POST "$base/bmc?host=$host&power=$power" >/dev/null ;;
            esac
            """;
    private static Map<String, String> properties;

    private VcenterTestbed() {
    }

    /** Starts it the first time; the system properties that tell the distribution where it is. */
    static synchronized Map<String, String> properties() {
        if (properties == null) {
            try {
                properties = start();
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the simulated vCenter: " + e, e);
            }
        }
        return properties;
    }

    private static Map<String, String> start() throws Exception {
        VsphereSimulator simulator = VsphereSimulator.start(HOSTS.size(), 6, Duration.ofSeconds(1));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                simulator.close();
            } catch (IOException | InterruptedException e) {
                // the JVM ends anyway
            }
        }));
        Path dir = simulator.directory();
        Map<String, String> found = new LinkedHashMap<>();
        found.put("vsphere.url", simulator.url().toString());
        found.put("vsphere.user", VsphereSimulator.USER);
        found.put("vsphere.password", VsphereSimulator.PASSWORD);
        found.put("vsphere.truststore", simulator.truststore().toString());
        found.put("vsphere.truststore.password", VsphereSimulator.TRUSTSTORE_PASSWORD);
        found.put("vsphere.cert", dir.resolve("cert.pem").toString());
        Path chassis = dir.resolve("chassis.sh");
        Files.writeString(chassis, CHASSIS);
        Files.setPosixFilePermissions(chassis, PosixFilePermissions.fromString("rwx------"));
        String control = simulator.url().resolve("/basket-test").toString();
        for (String host : HOSTS) {
            found.put("vsphere.bmc." + host, Integer.toString(bmc(dir.resolve("bmc-" + host), chassis, control,
                    dir.resolve("cert.pem"), host)));
        }
        return found;
    }

    private static int bmc(Path dir, Path chassis, String control, Path cert, String host) throws Exception {
        Files.createDirectories(dir.resolve("state"));
        int port;
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            port = socket.getLocalPort();
        }
        Files.writeString(dir.resolve("lan.conf"), """
                name "esx-bmc"
                startlan 1
                  addr 127.0.0.1 %d
                  priv_limit admin
                  allowed_auths_admin md5
                  guid a123456789abcdefa123456789abcdef
                endlan
                chassis_control "%s %s %s %s"
                user 2 true "%s" "%s" admin 10 md5
                """.formatted(port, chassis, control, cert, host, BMC_USER, BMC_PASSWORD));
        Files.writeString(dir.resolve("bmc.emu"), """
                mc_setbmc 0x20
                mc_add 0x20 0 no-device-sdrs 0x23 9 8 0x9f 0x1291 0xf02
                mc_enable 0x20
                """);
        Process process = new ProcessBuilder("ipmi_sim", "-c", "lan.conf", "-f", "bmc.emu", "-s", "state", "-n")
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("log").toFile()).start();
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (portFree(port)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IOException("ipmi_sim for " + host + " did not listen: " + Files.readString(dir.resolve("log")));
            }
            Thread.sleep(20);
        }
        return port;
    }

    private static boolean portFree(int port) {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", port))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
