package org.basket.driver.powervm.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The simulated HMC's SSH command line, for tests: a real OpenSSH {@code sshd} (Debian's openssh-server) on 127.0.0.1
 * and a free port, run as the current user with a host key, a config and one authorised client key made in the test's
 * directory (public key login only: password login would need a system account's password, which the test does not
 * set). Its {@code ForceCommand} is a small shell loop, the HMC's restricted shell: it prints the HMC prompt
 * ({@code user@hmc:~> }), reads a line and hands it with {@code curl} to a plain HTTP endpoint of this class on
 * 127.0.0.1, which answers with {@link HmcCli}'s output; {@code quit} or {@code exit} ends the session. So the
 * command line acts on the same {@link HmcWorld} as the REST API. {@link #close} stops sshd and its sessions by PID.
 */
public final class HmcSsh implements AutoCloseable {
    private static final int MAX_LINE = 4096;

    private final HmcCli cli;
    private final Path directory;
    private final int port;
    private final List<String> sshdOutput = new CopyOnWriteArrayList<>();
    private final CountDownLatch listening = new CountDownLatch(1);
    private HttpServer bridge;
    private Process sshd;

    private HmcSsh(HmcCli cli, Path directory, int port) {
        this.cli = cli;
        this.directory = directory;
        this.port = port;
    }

    static HmcSsh start(HmcCli cli, Path directory) throws Exception {
        HmcSsh ssh = new HmcSsh(cli, directory, freePort());
        try {
            ssh.launch();
        } catch (Exception | AssertionError e) {
            ssh.close();
            throw e;
        }
        return ssh;
    }

    public int port() {
        return port;
    }

    /**
     * fence_lpar's parameters for a partition through this HMC: the client key as identity file, and ssh options that
     * check the host key against a known_hosts file of the test's (nothing is written to the user's ~/.ssh).
     */
    public Map<String, String> fenceLparParameters(String system, String partition) {
        Map<String, String> parameters = new HashMap<>();
        parameters.put("ip", "127.0.0.1");
        parameters.put("ipport", String.valueOf(port));
        parameters.put("username", System.getProperty("user.name"));
        parameters.put("identity_file", directory.resolve("client_key").toString());
        parameters.put("ssh_options", "-F none -o IdentitiesOnly=yes -o StrictHostKeyChecking=yes -o GlobalKnownHostsFile=/dev/null"
                + " -o UserKnownHostsFile=" + directory.resolve("known_hosts"));
        parameters.put("managed", system);
        parameters.put("plug", partition);
        return parameters;
    }

    /** A key of the right kind that this sshd does not accept. */
    public Path strangerKey() throws Exception {
        Path key = directory.resolve("stranger_key");
        if (!Files.exists(key)) {
            generateKey(key);
        }
        return key;
    }

    private void launch() throws Exception {
        Files.createDirectories(Path.of("/run/sshd"));
        generateKey(directory.resolve("host_key"));
        generateKey(directory.resolve("client_key"));
        Files.copy(directory.resolve("client_key.pub"), directory.resolve("authorized_keys"));
        String[] hostKey = Files.readString(directory.resolve("host_key.pub")).trim().split(" ");
        Files.writeString(directory.resolve("known_hosts"), "[127.0.0.1]:" + port + " " + hostKey[0] + " " + hostKey[1] + "\n");
        startBridge();
        Path shell = directory.resolve("hmc-shell");
        Files.writeString(shell, String.join("\n",
                "#!/bin/sh",
                "# the simulated HMC's restricted shell: its prompt, then each line to the simulator's command line",
                "while printf '%s@hmc:~> ' \"$USER\" && IFS= read -r line; do",
                "  case \"$line\" in quit*|exit*) exit 0 ;; esac",
                "  printf '%s' \"$line\" | curl -sS --max-time 10 --data-binary @- http://127.0.0.1:"
                        + bridge.getAddress().getPort() + "/cli",
                "done",
                ""));
        Files.setPosixFilePermissions(shell, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path config = directory.resolve("sshd_config");
        Files.writeString(config, String.join("\n",
                "Port " + port,
                "ListenAddress 127.0.0.1",
                "HostKey " + directory.resolve("host_key"),
                "PidFile " + directory.resolve("sshd.pid"),
                "AuthorizedKeysFile " + directory.resolve("authorized_keys"),
                "ForceCommand " + shell,
                "UsePAM no",
                "StrictModes no",
                "PubkeyAuthentication yes",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "PermitRootLogin prohibit-password",
                "PrintMotd no",
                "PrintLastLog no",
                "LogLevel INFO",
                ""));
        sshd = new ProcessBuilder("/usr/sbin/sshd", "-D", "-e", "-f", config.toString()).redirectErrorStream(true).start();
        Thread reader = new Thread(this::readSshdOutput, "hmc-sshd-" + port);
        reader.setDaemon(true);
        reader.start();
        if (!listening.await(30, TimeUnit.SECONDS)) {
            throw new AssertionError("sshd did not start listening on port " + port + ": " + sshdOutput);
        }
    }

    private void startBridge() throws IOException {
        bridge = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        bridge.createContext("/cli", this::answer);
        bridge.start();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange; InputStream body = exchange.getRequestBody()) {
            String line = new String(body.readNBytes(MAX_LINE), StandardCharsets.UTF_8).replace("\r", "");
            String output = cli.run(line);
            byte[] answer = (output.isEmpty() ? "" : output + "\n").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
            exchange.getResponseBody().write(answer);
        }
    }

    private void readSshdOutput() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(sshd.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                sshdOutput.add(line);
                if (line.contains("Server listening on 127.0.0.1 port " + port)) {
                    listening.countDown();
                }
            }
        } catch (IOException e) {
            sshdOutput.add("output lost: " + e);
        }
    }

    /** Stops sshd and the sessions it forked by their PIDs, then the HTTP endpoint. */
    @Override
    public void close() throws InterruptedException {
        try {
            if (sshd != null) {
                ProcessHandle.of(sshd.pid()).ifPresent(p -> {
                    p.descendants().forEach(ProcessHandle::destroy);
                    p.destroy();
                });
                if (!sshd.waitFor(10, TimeUnit.SECONDS)) {
                    sshd.destroyForcibly().waitFor();
                }
            }
        } finally {
            if (bridge != null) {
                bridge.stop(0);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void generateKey(Path file) throws Exception {
        Process keygen = new ProcessBuilder("ssh-keygen", "-q", "-t", "ecdsa", "-N", "", "-C", "basket-test", "-f", file.toString())
                .redirectErrorStream(true).start();
        String out = new String(keygen.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (keygen.waitFor() != 0) {
            throw new AssertionError("ssh-keygen for " + file + " failed: " + out);
        }
    }
}
