package org.basket.itests.managers;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Basket manager as an operator runs it: a copy of the built distribution of its own, started with
 * {@code bin/karaf server} (the JVM is the process: KARAF_EXEC=exec), its SSH, HTTP and agent channel on free
 * loopback ports of its own, on the ZooKeeper ensemble through its own loopback address, and on a shared simulated world.
 */
final class ManagerProcess implements AutoCloseable {
    /** The demo login, added as scripts/demo-profile.sh adds it. */
    private static final String USER = "basket";
    private static final Pattern FEATURES_BOOT = Pattern.compile("(?m)^featuresBoot *= *(.*)$");

    final String id;
    final String zooKeeperAddress;
    final Path home;
    private final int sshPort;
    private Process process;

    private ManagerProcess(String id, String zooKeeperAddress, Path home) {
        this.id = id;
        this.zooKeeperAddress = zooKeeperAddress;
        this.home = home;
        this.sshPort = Processes.freePort();
    }

    /** Unpacks the distribution into {@code home} and configures it (see the class comment). */
    static ManagerProcess unpack(String id, String zooKeeperAddress, Path home, Path distribution,
            List<String> coordination, List<String> simDriver, Map<String, List<String>> definitions) throws IOException {
        Files.createDirectories(home);
        Processes.run("tar", "-xzf", distribution.toString(), "-C", home.toString(), "--strip-components=1");
        ManagerProcess manager = new ManagerProcess(id, zooKeeperAddress, home);
        manager.configure(coordination, simDriver, definitions);
        return manager;
    }

    private void configure(List<String> coordination, List<String> simDriver, Map<String, List<String>> definitions)
            throws IOException {
        Path etc = home.resolve("etc");
        try (var demo = Files.newDirectoryStream(etc, "org.basket.{resource,constraint,host}-*.cfg")) {
            for (Path file : demo) {
                Files.delete(file);
            }
        }
        for (Map.Entry<String, List<String>> definition : definitions.entrySet()) {
            Files.write(etc.resolve("org.basket." + definition.getKey() + ".cfg"), definition.getValue());
        }
        Files.write(etc.resolve("org.basket.coordination.cfg"), coordination);
        Files.write(etc.resolve("org.basket.driver-sim.cfg"), simDriver);
        replace(etc.resolve("org.apache.karaf.shell.cfg"), "(?m)^sshPort *=.*$", "sshPort = " + sshPort);
        Path web = etc.resolve("org.ops4j.pax.web.cfg");
        if (Files.exists(web)) {
            replace(web, "(?m)^org.osgi.service.http.port *=.*$", "org.osgi.service.http.port = " + Processes.freePort());
        }
        Files.writeString(etc.resolve("org.basket.agents.cfg"), "\nbind.address = 127.0.0.1\nport = "
                + Processes.freePort() + "\n", StandardOpenOption.APPEND);
        Path features = etc.resolve("org.apache.karaf.features.cfg");
        Matcher boot = FEATURES_BOOT.matcher(Files.readString(features));
        if (!boot.find()) {
            throw new IllegalStateException("no featuresBoot in " + features);
        }
        replace(features, FEATURES_BOOT.pattern(), Matcher.quoteReplacement("featuresBoot = " + boot.group(1)
                + ", basket-coordination-zookeeper"));
        Files.writeString(etc.resolve("users.properties"), "\n" + USER + " = " + USER + ", _g_:admingroup\n",
                StandardOpenOption.APPEND);
    }

    private static void replace(Path file, String regex, String replacement) throws IOException {
        Files.writeString(file, Files.readString(file).replaceAll(regex, replacement));
    }

    void start() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("console.out").toFile()));
        builder.environment().put("KARAF_EXEC", "exec");
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("JAVA_MIN_MEM", "64M");
        builder.environment().put("JAVA_MAX_MEM", "256M");
        process = builder.start();
    }

    boolean running() {
        return process != null && process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    void signal(String signal) {
        Processes.signal(pid(), signal);
    }

    /** kill -9 by its PID. */
    void kill() {
        Processes.kill(process);
        process = null;
    }

    /** The answer to one console command over SSH ({@code bin/client}), "" if it could not log in. */
    String shell(String command) {
        try {
            ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/client").toString(), "-a",
                    Integer.toString(sshPort), "-u", USER, "-p", USER, "-r", "2", "-d", "1", "-b").redirectErrorStream(true);
            builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
            Process client = builder.start();
            try (OutputStream in = client.getOutputStream()) {
                in.write((command + "\n").getBytes(StandardCharsets.UTF_8));
            }
            String answer = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!client.waitFor(60, TimeUnit.SECONDS)) {
                client.destroyForcibly();
            }
            return answer;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** The first line of ha:status: this manager's standing. */
    String standing() {
        return shell("ha:status").lines().filter(l -> l.startsWith("Manager: ")).findFirst().orElse("");
    }

    /** The events of {@code kind} this manager holds, one line each (time, severity, message). */
    List<String> events(String kind) {
        return new ArrayList<>(shell("ha:events -n 2000 --kind " + kind).lines()
                .filter(l -> l.matches("\\d{4}-\\d\\d-\\d\\dT.*")).toList());
    }

    String log() {
        try {
            return Files.readString(home.resolve("data/log/karaf.log"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Override
    public void close() {
        kill();
    }

    @Override
    public String toString() {
        return id + (running() ? " (PID " + pid() + ")" : " (stopped)");
    }
}
