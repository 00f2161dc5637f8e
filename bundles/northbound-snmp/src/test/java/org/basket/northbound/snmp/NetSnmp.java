package org.basket.northbound.snmp;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Running net-snmp's programs with BASKET-MIB and the IETF base modules it imports (Debian's erlang-snmp ships them). */
final class NetSnmp {
    static final Path BASKET_MIBS = Path.of("src/main/resources/mibs").toAbsolutePath();

    private NetSnmp() {
    }

    /** The MIB search path: the IETF base modules, then BASKET-MIB's folder. */
    static String mibDirs() {
        return ietfMibs() + ":" + BASKET_MIBS;
    }

    static Path ietfMibs() {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/erlang/lib"))) {
            return versions.filter(p -> p.getFileName().toString().startsWith("snmp-")).map(p -> p.resolve("mibs"))
                    .filter(Files::isDirectory).sorted().reduce((a, b) -> b)
                    .orElseThrow(() -> new IllegalStateException("no /usr/lib/erlang/lib/snmp-*/mibs: install erlang-snmp"
                            + " (scripts/prerequisites.sh)"));
        } catch (IOException e) {
            throw new IllegalStateException("no /usr/lib/erlang/lib: install erlang-snmp (scripts/prerequisites.sh)", e);
        }
    }

    /** Runs a program to its end (at most 30 s) and returns its standard output and error, with its exit code. */
    static Result run(Path dir, List<String> command) throws IOException, InterruptedException {
        return run(dir, command, new ProcessBuilder(command));
    }

    static Result run(Path dir, List<String> command, ProcessBuilder builder) throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir, "out", ".txt");
        Process process = builder.command(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("no end within 30 s: " + command);
        }
        return new Result(process.exitValue(), Files.readString(out));
    }

    static List<String> command(String program, String... args) {
        List<String> command = new ArrayList<>(List.of(program, "-M", mibDirs(), "-m", "BASKET-MIB"));
        command.addAll(List.of(args));
        return command;
    }

    record Result(int exit, String output) {
    }

    /** A UDP port free on loopback at this moment. */
    static int freeUdpPort() throws IOException {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
