package org.basket.fence;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs one agent process: writes its stdin, collects its output, kills it and its children on timeout. */
final class AgentProcess {
    private static final int MAX_OUTPUT_BYTES = 1 << 20;
    private static final Duration OUTPUT_DRAIN = Duration.ofSeconds(5);

    private AgentProcess() {
    }

    static AgentOutput run(List<String> command, String stdin, Duration timeout)
            throws IOException, InterruptedException, TimeoutException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("PYTHONWARNINGS", "ignore");
        builder.environment().put("LC_ALL", "C.UTF-8");
        long start = System.nanoTime();
        Process process = builder.start();
        try {
            OutputCollector stdout = OutputCollector.start(process.getInputStream(), command.get(0) + " stdout");
            OutputCollector stderr = OutputCollector.start(process.getErrorStream(), command.get(0) + " stderr");
            writeStdin(process, stdin);
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new TimeoutException("timed out after " + timeout.toMillis() + " ms");
            }
            return new AgentOutput(process.exitValue(), stdout.text(), stderr.text(), Duration.ofNanos(System.nanoTime() - start));
        } finally {
            if (process.isAlive()) {
                killWithChildren(process);
            }
        }
    }

    private static void writeStdin(Process process, String stdin) {
        try (OutputStream in = process.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        } catch (IOException agentDoesNotReadStdin) {
            // the exit code and output tell what happened
        }
    }

    private static void killWithChildren(Process process) throws InterruptedException {
        List<ProcessHandle> children = process.descendants().toList();
        children.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(OUTPUT_DRAIN.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Reads a stream on its own thread so that a chatty agent never blocks on a full pipe. */
    private static final class OutputCollector {
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private final Thread thread;

        private OutputCollector(InputStream stream, String name) {
            thread = new Thread(() -> drain(stream), name);
            thread.setDaemon(true);
        }

        static OutputCollector start(InputStream stream, String name) {
            OutputCollector collector = new OutputCollector(stream, name);
            collector.thread.start();
            return collector;
        }

        private void drain(InputStream stream) {
            byte[] chunk = new byte[8192];
            try (stream) {
                for (int read; (read = stream.read(chunk)) >= 0; ) {
                    synchronized (buffer) {
                        buffer.write(chunk, 0, Math.max(0, Math.min(read, MAX_OUTPUT_BYTES - buffer.size())));
                    }
                }
            } catch (IOException closed) {
                // the process is gone
            }
        }

        String text() throws InterruptedException {
            thread.join(OUTPUT_DRAIN.toMillis());
            synchronized (buffer) {
                return buffer.toString(StandardCharsets.UTF_8);
            }
        }
    }
}
