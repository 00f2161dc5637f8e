package org.basket.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Real ZooKeeper servers (the Maven artifact's QuorumPeerMain on a class path the test gives), each a process of its
 * own on loopback ports: one is standalone, more are an ensemble. The quorum and election ports are on 127.0.0.1; the
 * client ports listen on every loopback address, so that a test can give each client an address of its own (which an
 * iptables rule can cut off).
 */
public class ZooKeeperServers implements AutoCloseable {
    public static final int TICK_MS = 500;
    private static final long SERVING_PATIENCE_MS = 60_000;

    private final Path directory;
    private final String classPath;
    private final int[] clientPorts;
    private final Process[] servers;
    private final List<String> jvmOptions;

    /**
     * Writes each server's configuration under {@code directory}; {@code extraConfig}: more zoo.cfg lines, {@code
     * jvmOptions}: the servers' (a JAAS configuration, say). Nothing runs before {@link #startAll}.
     */
    public ZooKeeperServers(Path directory, String classPath, int size, String extraConfig, List<String> jvmOptions)
            throws IOException {
        this.directory = directory;
        this.classPath = classPath;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.clientPorts = IntStream.range(0, size).map(i -> freePort()).toArray();
        this.servers = new Process[size];
        List<String> quorum = new ArrayList<>();
        if (size > 1) {
            for (int i = 0; i < size; i++) {
                quorum.add("server." + (i + 1) + "=127.0.0.1:" + freePort() + ":" + freePort());
            }
        }
        for (int i = 0; i < size; i++) {
            Path data = directory.resolve("server" + (i + 1));
            Files.createDirectories(data);
            Files.writeString(data.resolve("myid"), Integer.toString(i + 1));
            List<String> config = new ArrayList<>(List.of("tickTime=" + TICK_MS, "initLimit=10", "syncLimit=4",
                    "dataDir=" + data, "clientPort=" + clientPorts[i], "admin.enableServer=false",
                    "4lw.commands.whitelist=srvr", "forceSync=no", extraConfig));
            config.addAll(quorum);
            Files.write(data.resolve("zoo.cfg"), config);
        }
    }

    /** Starts every server and waits until they serve; stops them again if one does not. */
    public void startAll() throws IOException {
        try {
            for (int i = 0; i < servers.length; i++) {
                start(i);
            }
            awaitServing();
        } catch (IOException | RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    public void start(int index) throws IOException {
        Path data = directory.resolve("server" + (index + 1));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx96m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classPath, "org.apache.zookeeper.server.quorum.QuorumPeerMain",
                data.resolve("zoo.cfg").toString()));
        servers[index] = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(data.resolve("server.log").toFile()).start();
    }

    /** Ends the server at once (SIGKILL, which also ends a paused one) and waits until it is gone. */
    public void kill(int index) {
        Process server = servers[index];
        servers[index] = null;
        if (server != null && server.isAlive()) {
            server.destroyForcibly();
            try {
                server.waitFor(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The connect string over loopback address {@code address} (127.0.0.1, or one of a client's own). */
    public String connect(String address) {
        return IntStream.of(clientPorts).mapToObj(port -> address + ":" + port).collect(Collectors.joining(","));
    }

    public String connect() {
        return connect("127.0.0.1");
    }

    /** Waits until every running server serves clients (standalone, leader or follower). */
    public void awaitServing() {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SERVING_PATIENCE_MS);
        while (!IntStream.range(0, servers.length).filter(i -> servers[i] != null)
                .allMatch(i -> mode(clientPorts[i]).matches("standalone|leader|follower"))) {
            if (System.nanoTime() > end) {
                throw new AssertionError("ZooKeeper servers not serving within " + SERVING_PATIENCE_MS / 1000
                        + " s: " + IntStream.of(clientPorts).mapToObj(ZooKeeperServers::mode).toList() + ", logs in "
                        + directory);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for the ZooKeeper servers");
            }
        }
    }

    /** The mode a server reports to {@code srvr}, or "down". */
    public static String mode(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write("srvr".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            return answer.lines().filter(l -> l.startsWith("Mode: ")).map(l -> l.substring(6).trim()).findFirst()
                    .orElse("down");
        } catch (IOException e) {
            return "down";
        }
    }

    @Override
    public void close() {
        for (int i = 0; i < servers.length; i++) {
            kill(i);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
