package org.basket.core.journal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real crash: a child JVM records entries and acknowledges each on stdout; it is killed
 * (SIGKILL) mid-way, and every entry it acknowledged must be in the reopened journal.
 */
class JournalCrashTest {
    private static final int KILL_AFTER = 300;
    private static final Pattern ACK = Pattern.compile("ack (\\d+) \\.");

    @TempDir
    Path dir;

    @Test
    void noAcknowledgedWriteIsLostWhenTheProcessIsKilled() throws Exception {
        Path file = dir.resolve("journal.mv");
        Path stderr = dir.resolve("child-stderr.txt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CrashWriter.class.getName(), file.toString(), "1000000")
                .redirectError(stderr.toFile()).start();
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor();
        watchdog.schedule(child::destroyForcibly, 30, TimeUnit.SECONDS);
        List<Integer> acked = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), UTF_8))) {
            String line;
            while (acked.size() < KILL_AFTER && (line = out.readLine()) != null) {
                acked.add(ack(line));
            }
            if (acked.size() < KILL_AFTER) {
                fail("the child stopped after " + acked.size() + " entries: " + Files.readString(stderr));
            }
            // SIGKILL through the handle: Process.destroyForcibly() would also close our end of its stdout
            child.toHandle().destroyForcibly();
            assertTrue(child.waitFor(10, TimeUnit.SECONDS));
            // what the child printed before it died was acknowledged too
            while ((line = out.readLine()) != null) {
                Matcher m = ACK.matcher(line);
                if (m.matches()) {
                    acked.add(Integer.parseInt(m.group(1)));
                }
            }
        } finally {
            watchdog.shutdownNow();
            child.destroyForcibly();
        }
        int lastAcked = acked.get(acked.size() - 1);
        assertEquals(lastAcked + 1, acked.size(), "acknowledged in order");
        assertTrue(child.exitValue() != 0, "killed, not finished");

        try (Journal journal = Journal.open(file)) {
            Instant t0 = Instant.parse("2025-01-01T00:00:00Z");
            TreeSet<Integer> present = new TreeSet<>();
            for (OperationRecord op : journal.operations(Integer.MAX_VALUE)) {
                int i = Integer.parseInt(op.action().substring("write ".length()));
                assertEquals(CrashWriter.operation(i, t0), op);
                present.add(i);
            }
            for (FenceRecord fence : journal.fenceHistory(Integer.MAX_VALUE)) {
                int i = Integer.parseInt(fence.host().substring(1));
                assertEquals(CrashWriter.fence(i, t0), fence);
                present.add(i);
            }
            for (int i = 0; i <= lastAcked; i++) {
                assertTrue(present.contains(i), "acknowledged entry " + i + " lost (last acknowledged " + lastAcked + ")");
            }
            // consistent: a prefix of the writes, at most the one in progress beyond the acknowledged ones
            int last = present.last();
            assertEquals(last + 1, present.size(), "no holes");
            assertTrue(last <= lastAcked + 1, "entry " + last + " was never begun (last acknowledged " + lastAcked + ")");
            System.out.printf("crash test: killed after %d acknowledged entries, journal holds %d%n", acked.size(),
                    present.size());
            journal.recordOperation(CrashWriter.operation(last + 1 + (last + 1) % 2, t0));
        }
        try (Journal journal = Journal.open(file)) {
            assertTrue(journal.operations(1).get(0).action().startsWith("write "));
        }
    }

    private static int ack(String line) throws IOException {
        Matcher m = ACK.matcher(line);
        if (!m.matches()) {
            throw new IOException("unexpected output of the child: " + line);
        }
        return Integer.parseInt(m.group(1));
    }
}
