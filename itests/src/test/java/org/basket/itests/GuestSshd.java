package org.basket.itests;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real OpenSSH server on 127.0.0.1 standing in for a guest's: its own host key, one authorised
 * client key, run as the current user. Stopped by its PID with the sessions it forked.
 */
final class GuestSshd implements AutoCloseable {
    private final Path directory;
    private final int port;
    private final Process process;

    private GuestSshd(Path directory, int port, Process process) {
        this.directory = directory;
        this.port = port;
        this.process = process;
    }

    static GuestSshd start(Path directory) throws Exception {
        Files.createDirectories(Path.of("/run/sshd"));
        run("ssh-keygen", "-q", "-t", "ecdsa", "-N", "", "-f", directory.resolve("host_key").toString());
        run("ssh-keygen", "-q", "-t", "ecdsa", "-N", "", "-f", directory.resolve("client_key").toString());
        Files.copy(directory.resolve("client_key.pub"), directory.resolve("authorized_keys"));
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Path config = directory.resolve("sshd_config");
        Files.writeString(config, String.join("\n", "Port " + port, "ListenAddress 127.0.0.1",
                "HostKey " + directory.resolve("host_key"), "PidFile " + directory.resolve("sshd.pid"),
                "AuthorizedKeysFile " + directory.resolve("authorized_keys"), "UsePAM no", "StrictModes no",
                "PasswordAuthentication no", "KbdInteractiveAuthentication no", "PermitRootLogin prohibit-password", ""));
        Process process = new ProcessBuilder("/usr/sbin/sshd", "-D", "-e", "-f", config.toString())
                .redirectErrorStream(true).redirectOutput(directory.resolve("sshd.log").toFile()).start();
        GuestSshd sshd = new GuestSshd(directory, port, process);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.readString(directory.resolve("sshd.log")).contains("Server listening on 127.0.0.1 port " + port)) {
            if (System.nanoTime() > deadline || !process.isAlive()) {
                sshd.close();
                throw new AssertionError("sshd did not start: " + Files.readString(directory.resolve("sshd.log")));
            }
            Thread.sleep(50);
        }
        return sshd;
    }

    int port() {
        return port;
    }

    Path clientKey() {
        return directory.resolve("client_key");
    }

    String hostKeyFingerprint() throws Exception {
        return run("ssh-keygen", "-l", "-E", "sha256", "-f", directory.resolve("host_key.pub").toString()).split(" ")[1];
    }

    @Override
    public void close() throws InterruptedException {
        ProcessHandle.of(process.pid()).ifPresent(sshd -> {
            sshd.descendants().forEach(ProcessHandle::destroy);
            sshd.destroy();
        });
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }
}
