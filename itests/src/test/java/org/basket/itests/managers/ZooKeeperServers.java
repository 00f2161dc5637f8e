package org.basket.itests.managers;

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
 * A real three-server ZooKeeper ensemble (the Maven artifact's QuorumPeerMain, a process per server, class path
 * from the system property basket.zookeeperClasspath). The quorum and election ports are on 127.0.0.1; the client
 * ports listen on every loopback address, so that each manager can reach them from an address of its own (which
 * an iptables rule can cut off), as the coordination bundle's LeadershipTest does.
 */
final class ZooKeeperServers implements AutoCloseable {
    static final int TICK_MS = 500;
    private final Path directory;
    private final int[] clientPorts;
    private final Process[] servers;

    ZooKeeperServers(Path directory) throws IOException {
        this.directory = directory;
        this.clientPorts = IntStream.range(0, 3).map(i -> Processes.freePort()).toArray();
        this.servers = new Process[3];
        List<String> quorum = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            quorum.add("server." + (i + 1) + "=127.0.0.1:" + Processes.freePort() + ":" + Processes.freePort());
        }
        for (int i = 0; i < 3; i++) {
            Path data = directory.resolve("zk" + (i + 1));
            Files.createDirectories(data);
            Files.writeString(data.resolve("myid"), Integer.toString(i + 1));
            List<String> config = new ArrayList<>(List.of("tickTime=" + TICK_MS, "initLimit=10", "syncLimit=4",
                    "dataDir=" + data, "clientPort=" + clientPorts[i], "admin.enableServer=false",
                    "4lw.commands.whitelist=srvr", "forceSync=no"));
            config.addAll(quorum);
            Files.write(data.resolve("zoo.cfg"), config);
        }
    }

    void startAll() throws IOException {
        for (int i = 0; i < 3; i++) {
            start(i);
        }
        awaitServing();
    }

    void start(int index) throws IOException {
        Path data = directory.resolve("zk" + (index + 1));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        servers[index] = new ProcessBuilder(java, "-Xmx96m", "-XX:+UseSerialGC", "-cp",
                System.getProperty("basket.zookeeperClasspath"), "org.apache.zookeeper.server.quorum.QuorumPeerMain",
                data.resolve("zoo.cfg").toString()).redirectErrorStream(true)
                .redirectOutput(data.resolve("server.log").toFile()).start();
    }

    void kill(int index) {
        Processes.kill(servers[index]);
        servers[index] = null;
    }

    /** The connect string from loopback address {@code address}. */
    String connect(String address) {
        return IntStream.of(clientPorts).mapToObj(port -> address + ":" + port).collect(Collectors.joining(","));
    }

    /** Waits until every running server serves clients (leader or follower). */
    void awaitServing() {
        Processes.await("ZooKeeper servers serving", Duration.ofSeconds(60), () -> IntStream.range(0, 3)
                .filter(i -> servers[i] != null).allMatch(i -> mode(clientPorts[i]).matches("leader|follower")),
                () -> IntStream.of(clientPorts).mapToObj(ZooKeeperServers::mode).toList().toString());
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
        for (int i = 0; i < 3; i++) {
            kill(i);
        }
    }
}
