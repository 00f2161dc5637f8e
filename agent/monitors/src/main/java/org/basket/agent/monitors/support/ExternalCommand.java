package org.basket.agent.monitors.support;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs an external program to completion within a timeout; past it, the program and its descendants
 * are killed. Output goes to temporary files, not pipes, so a daemon the program leaves behind
 * holding its output open never blocks the caller.
 */
public final class ExternalCommand {

    private static final int MAX_OUTPUT_BYTES = 64 * 1024;
    private static final File NO_INPUT = new File("/dev/null");

    private ExternalCommand() {
    }

    public static CommandOutcome run(List<String> command, Map<String, String> environment, Duration timeout)
            throws IOException {
        Path out = Files.createTempFile("basket-monitor-", ".out");
        Path err = Files.createTempFile("basket-monitor-", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectInput(NO_INPUT)
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            builder.environment().putAll(environment);
            Process process = startOrExplain(builder);
            long started = System.nanoTime();
            boolean exited = waitFor(process, timeout);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            if (!exited) {
                ProcessTrees.kill(process.toHandle());
            }
            return new CommandOutcome(exited ? process.exitValue() : -1, !exited, took, read(out), read(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static Process startOrExplain(ProcessBuilder builder) throws IOException {
        try {
            return builder.start();
        } catch (IOException e) {
            throw new IOException("cannot run " + builder.command().get(0) + ": " + e.getMessage(), e);
        }
    }

    private static boolean waitFor(Process process, Duration timeout) throws IOException {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            ProcessTrees.kill(process.toHandle());
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + process.info().command().orElse("a command"), e);
        }
    }

    private static String read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readNBytes(MAX_OUTPUT_BYTES), StandardCharsets.UTF_8);
        }
    }
}
