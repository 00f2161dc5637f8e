package org.basket.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A simulated world process (the simulator's {@code WorldMain}) run by a test from its own class path, on
 * 127.0.0.1; stopped by {@link #kill} (SIGKILL) or {@link #close}.
 */
public final class WorldProcess implements AutoCloseable {
    private static final String MAIN = "org.basket.driver.sim.world.WorldMain";
    private final Process process;
    private final int port;

    private WorldProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts a world on {@code port} (0: a free one) with the given options, and waits until it listens. */
    public static WorldProcess start(int port, String... options) throws IOException {
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                MAIN, "--port", String.valueOf(port)));
        command.addAll(List.of(options));
        return run(command);
    }

    /**
     * Starts a JVM running {@code main} with the test's class path and the arguments, its log (stderr, warnings
     * and errors only) in the test's; the first line it prints must be "ready".
     */
    public static Process startJvm(String main, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx128m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", System.getProperty("java.class.path"), main));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String first = firstLine(process);
        if (!"ready".equals(first)) {
            process.destroyForcibly();
            throw new IOException(main + " did not start: " + first);
        }
        return process;
    }

    private static WorldProcess run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String first = firstLine(process);
        String prefix = "world listening on 127.0.0.1:";
        if (first == null || !first.startsWith(prefix)) {
            process.destroyForcibly();
            throw new IOException("the world process did not start: " + first);
        }
        return new WorldProcess(process, Integer.parseInt(first.substring(prefix.length())));
    }

    /** The process's first line of output (within 20 s), the rest read and dropped so that it never blocks. */
    private static String firstLine(Process process) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                return "unreadable: " + e.getMessage();
            }
        });
        try {
            String line = first.get(20, TimeUnit.SECONDS);
            Thread drain = new Thread(() -> drain(out), "drain " + process.pid());
            drain.setDaemon(true);
            drain.start();
            return line;
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IOException("no first line within 20 s: " + e, e);
        }
    }

    private static void drain(BufferedReader out) {
        try {
            while (out.readLine() != null) {
                // dropped
            }
        } catch (IOException e) {
            // the process is gone
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public int port() {
        return port;
    }

    /** {@code 127.0.0.1:PORT}, as the driver's {@code world} key takes it. */
    public String address() {
        return "127.0.0.1:" + port;
    }

    /** kill -9, and waits until it is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
