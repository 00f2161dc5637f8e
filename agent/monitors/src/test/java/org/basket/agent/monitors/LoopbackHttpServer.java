package org.basket.agent.monitors;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A real python3 http.server on 127.0.0.1 serving a directory whose index.html says {@value #BODY}. */
public final class LoopbackHttpServer implements AutoCloseable {

    public static final String PYTHON = "/usr/bin/python3";
    public static final String BODY = "basket-ok";

    private final int port;
    private final Path directory;
    private Process process;

    public LoopbackHttpServer(Path directory) throws IOException {
        this.directory = Files.createDirectories(directory);
        Files.writeString(directory.resolve("index.html"), BODY + "\n");
        this.port = freePort();
    }

    /** The command line that serves the directory, for monitors that start the server themselves. */
    public List<String> command() {
        return List.of(PYTHON, "-m", "http.server", Integer.toString(port), "--bind", "127.0.0.1",
                "--directory", directory.toString());
    }

    public String commandLine() {
        return String.join(" ", command());
    }

    public LoopbackHttpServer start() throws IOException {
        process = new ProcessBuilder(command()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        awaitListening();
        return this;
    }

    public void awaitListening() {
        await().atMost(Duration.ofSeconds(20)).until(this::listening);
    }

    public boolean listening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://127.0.0.1:" + port + "/";
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null) {
            kill();
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
