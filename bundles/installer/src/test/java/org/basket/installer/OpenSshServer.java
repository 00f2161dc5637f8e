package org.basket.installer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A real OpenSSH server on 127.0.0.1 with its own host key and one authorised client key, run as the current user. */
public final class OpenSshServer implements AutoCloseable {

    private final Path directory;
    private final int port;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final CountDownLatch listening = new CountDownLatch(1);
    private Process process;

    private OpenSshServer(Path directory, int port) {
        this.directory = directory;
        this.port = port;
    }

    public static OpenSshServer start(Path directory) throws Exception {
        OpenSshServer server = new OpenSshServer(directory, freePort());
        try {
            server.launch();
        } catch (Exception | AssertionError e) {
            server.close();
            throw e;
        }
        return server;
    }

    public int port() {
        return port;
    }

    public Path clientKey() {
        return directory.resolve("client_key");
    }

    public Path hostPublicKey() {
        return directory.resolve("host_key.pub");
    }

    /** The host key's fingerprint as OpenSSH itself computes it. */
    public String hostKeyFingerprint() throws Exception {
        return fingerprintOf(hostPublicKey());
    }

    public String knownHostsLine() throws IOException {
        String[] key = Files.readString(hostPublicKey()).trim().split(" ");
        return "[127.0.0.1]:" + port + " " + key[0] + " " + key[1] + "\n";
    }

    public static String fingerprintOf(Path publicKey) throws Exception {
        return run("ssh-keygen", "-l", "-E", "sha256", "-f", publicKey.toString()).split(" ")[1];
    }

    public static void generateKey(Path file) throws Exception {
        run("ssh-keygen", "-q", "-t", "ecdsa", "-N", "", "-C", "basket-test", "-f", file.toString());
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private void launch() throws Exception {
        Files.createDirectories(Path.of("/run/sshd"));
        generateKey(directory.resolve("host_key"));
        generateKey(clientKey());
        Files.copy(directory.resolve("client_key.pub"), directory.resolve("authorized_keys"));
        Path config = directory.resolve("sshd_config");
        Files.writeString(config, String.join("\n",
                "Port " + port,
                "ListenAddress 127.0.0.1",
                "HostKey " + directory.resolve("host_key"),
                "PidFile " + directory.resolve("sshd.pid"),
                "AuthorizedKeysFile " + directory.resolve("authorized_keys"),
                "UsePAM no",
                "StrictModes no",
                "PubkeyAuthentication yes",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "PermitRootLogin prohibit-password",
                "LogLevel INFO",
                ""));
        process = new ProcessBuilder("/usr/sbin/sshd", "-D", "-e", "-f", config.toString()).redirectErrorStream(true).start();
        Thread reader = new Thread(this::readOutput, "sshd-output-" + port);
        reader.setDaemon(true);
        reader.start();
        if (!listening.await(30, TimeUnit.SECONDS)) {
            throw new AssertionError("sshd did not start listening on port " + port + ": " + output);
        }
    }

    private void readOutput() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                output.add(line);
                if (line.contains("Server listening on 127.0.0.1 port " + port)) {
                    listening.countDown();
                }
            }
        } catch (IOException e) {
            output.add("output lost: " + e);
        }
    }

    /** Stops sshd by its PID, and the per-connection processes it forked. */
    @Override
    public void close() throws InterruptedException {
        if (process == null) {
            return;
        }
        ProcessHandle sshd = ProcessHandle.of(process.pid()).orElse(null);
        if (sshd != null) {
            sshd.descendants().forEach(ProcessHandle::destroy);
            sshd.destroy();
        }
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }
}
