package org.basket.northbound.snmp;

import org.awaitility.Awaitility;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real net-snmp snmptrapd on a free loopback port, configured by the test, logging every notification it accepts
 * as one line of decoded varbinds (BASKET-MIB loaded).
 */
final class TrapReceiver implements AutoCloseable {
    private final Process process;
    private final Path log;
    final int port;

    private TrapReceiver(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    static TrapReceiver start(Path dir, String... configLines) throws IOException {
        Files.createDirectories(dir);
        Path config = Files.writeString(dir.resolve("snmptrapd.conf"), String.join("\n", configLines) + "\n");
        Path log = dir.resolve("traps.log");
        int port = NetSnmp.freeUdpPort();
        ProcessBuilder builder = new ProcessBuilder("snmptrapd", "-f", "-C", "-c", config.toString(),
                "-M", NetSnmp.mibDirs(), "-m", "BASKET-MIB:SNMPv2-MIB", "-Lf", log.toString(),
                "-F", "TRAP %P|| %V| %v\n", "udp:127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(dir.resolve("snmptrapd.out").toFile());
        builder.environment().put("SNMP_PERSISTENT_DIR", dir.resolve("persist").toString());
        TrapReceiver receiver = new TrapReceiver(builder.start(), log, port);
        try {
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(log)
                    && Files.readString(log).contains("NET-SNMP version"));
        } catch (RuntimeException e) {
            receiver.close();
            throw e;
        }
        return receiver;
    }

    /** One accepted notification: how it came (version, community or user) and its varbinds by name. */
    record Trap(String security, Map<String, String> varbinds) {
        String notification() {
            return value("SNMPv2-MIB::snmpTrapOID.0");
        }

        /** A varbind's value without its type, e.g. {@code node3} for {@code STRING: node3}. */
        String value(String name) {
            String typed = varbinds.getOrDefault(name, "");
            int colon = typed.indexOf(": ");
            return colon < 0 ? typed : typed.substring(colon + 2);
        }
    }

    List<Trap> traps() throws IOException {
        List<Trap> traps = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            if (!line.startsWith("TRAP ")) {
                continue;
            }
            String[] parts = line.substring(5).split("\\|\\| ", 2);
            Map<String, String> varbinds = new LinkedHashMap<>();
            for (String varbind : parts[1].split("\\| ")) {
                int equals = varbind.indexOf(" = ");
                varbinds.put(varbind.substring(0, equals), varbind.substring(equals + 3));
            }
            traps.add(new Trap(parts[0], varbinds));
        }
        return traps;
    }

    /** Waits (at most 10 s) until {@code count} notifications came, and returns them. */
    List<Trap> awaitTraps(int count) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> traps().size() >= count);
        try {
            return traps();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
