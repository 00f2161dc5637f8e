package org.basket.coordination;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Real ZooKeeper servers (the Maven artifact's QuorumPeerMain), each a process of its own on loopback ports, listening
 * on every loopback address so that a test can give each client an address of its own. One server is standalone;
 * three are an ensemble.
 */
final class ZooKeeperEnsemble implements AutoCloseable {
    static final int TICK_MS = 500;

    private final Path directory;
    private final int[] clientPorts;
    private final Process[] servers;
    private final List<String> jvmOptions;

    private ZooKeeperEnsemble(Path directory, int size, String extraConfig, List<String> jvmOptions) throws IOException {
        this.directory = directory;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.clientPorts = IntStream.range(0, size).map(i -> Processes.freePort()).toArray();
        this.servers = new Process[size];
        List<String> quorum = new ArrayList<>();
        if (size > 1) {
            for (int i = 0; i < size; i++) {
                quorum.add("server." + (i + 1) + "=127.0.0.1:" + Processes.freePort() + ":" + Processes.freePort());
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

    static ZooKeeperEnsemble start(String name, int size) throws IOException {
        return start(name, size, "");
    }

    static ZooKeeperEnsemble start(String name, int size, String extraConfig) throws IOException {
        return start(name, size, extraConfig, List.of());
    }

    /** With JVM options for the servers (a JAAS configuration, say). */
    static ZooKeeperEnsemble start(String name, int size, String extraConfig, List<String> jvmOptions)
            throws IOException {
        ZooKeeperEnsemble ensemble = new ZooKeeperEnsemble(Processes.workDirectory(name), size, extraConfig, jvmOptions);
        try {
            for (int i = 0; i < size; i++) {
                ensemble.startServer(i);
            }
            ensemble.awaitServing();
        } catch (IOException | RuntimeException | Error e) {
            ensemble.close();
            throw e;
        }
        return ensemble;
    }

    /** The connect string over loopback address {@code address} (127.0.0.1, or one of a client's own). */
    String connect(String address) {
        return IntStream.of(clientPorts).mapToObj(port -> address + ":" + port).collect(Collectors.joining(","));
    }

    String connect() {
        return connect("127.0.0.1");
    }

    void startServer(int index) throws IOException {
        Path data = directory.resolve("server" + (index + 1));
        servers[index] = Processes.java(data.resolve("server.log"), jvmOptions,
                "org.apache.zookeeper.server.quorum.QuorumPeerMain",
                data.resolve("zoo.cfg").toString());
    }

    void killServer(int index) {
        Processes.kill(servers[index]);
        servers[index] = null;
    }

    /** Waits until every running server serves clients (standalone, leader or follower). */
    void awaitServing() {
        await("ZooKeeper servers serving").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> IntStream.range(0, servers.length).filter(i -> servers[i] != null)
                        .allMatch(i -> mode(clientPorts[i]).matches("standalone|leader|follower")));
    }

    /** The mode a server reports to {@code srvr}, or "down". */
    static String mode(int port) {
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
            Processes.kill(servers[i]);
        }
    }
}
