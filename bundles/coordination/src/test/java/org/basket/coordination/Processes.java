package org.basket.coordination;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Java processes of the test's own classpath, and signals to them by PID. */
final class Processes {
    private Processes() {
    }

    static Process java(Path output, String mainClass, String... args) throws IOException {
        return java(output, List.of(), mainClass, args);
    }

    /** With JVM options of its own (system properties), before the main class. */
    static Process java(Path output, List<String> jvmOptions, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx96m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    }

    static void signal(Process process, String signal) {
        run("kill", "-" + signal, Long.toString(process.pid()));
    }

    /** Ends the process by its PID (SIGCONT first, in case the test paused it) and waits for it. */
    static void kill(Process process) {
        if (process != null && process.isAlive()) {
            signal(process, "CONT");
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static void run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path workDirectory(String name) {
        File root = new File(System.getProperty("basket.coordination.work", "target/zk-tests"));
        Path dir = root.toPath().resolve(name + "-" + System.nanoTime());
        dir.toFile().mkdirs();
        return dir;
    }
}
