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
        List<Integer> acked = writeUntilKilled(file);
        int lastAcked = acked.get(acked.size() - 1);
        assertEquals(lastAcked + 1, acked.size(), "acknowledged in order");

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

    @Test
    void aBatchIsWhollyThereOrWhollyAbsentWhenTheProcessIsKilled() throws Exception {
        Path file = dir.resolve("batches.mv");
        List<Integer> acked = writeUntilKilled(file, "batches");
        int lastAcked = acked.get(acked.size() - 1);
        assertEquals(lastAcked + 1, acked.size(), "acknowledged in order");
        try (Journal journal = Journal.open(file)) {
            TransitionRecord t = journal.transitionInFlight().orElseThrow();
            int k = (int) t.id() - 1;
            assertEquals(CrashWriter.transition(k), t.actions(), "transition " + t.id());
            if (!t.completed().isEmpty()) {
                assertEquals(CrashWriter.BATCH, t.completed().size(), "the batch whole: " + t.completed());
                assertTrue(t.completed().values().stream().allMatch(ok -> ok), t.completed().toString());
            }
            int last = 2 * k + (t.completed().isEmpty() ? 0 : 1);
            assertTrue(last >= lastAcked, "acknowledged entry " + lastAcked + " lost: the journal ends at " + last);
            assertTrue(last <= lastAcked + 1, "entry " + last + " was never begun (last acknowledged " + lastAcked + ")");
            System.out.printf("batch crash test: killed after %d acknowledged entries, the journal ends at entry %d%n",
                    acked.size(), last);
        }
    }

    /**
     * A machine crash while a batch's chunk was being written leaves it torn: whatever part of it reached the disk, the
     * journal opens without any of the batch and with everything before it.
     */
    @Test
    void aTornTailLosesTheWholeBatchAndNothingBefore() throws Exception {
        Path file = dir.resolve("torn.mv");
        List<String> actions = CrashWriter.transition(0);
        Path written = dir.resolve("written.mv");
        try (Journal journal = Journal.open(file)) {
            journal.replaceTransition(actions);
            journal.actionsCompleted(actions.subList(0, 5), true);
            journal.actionsCompleted(actions.subList(5, 10), false); // the batch whose chunk is torn below
            Files.copy(file, written); // as on the disk, without the clean close
        }
        byte[] bytes = Files.readAllBytes(written);
        long[] chunk = newestChunk(bytes);
        try (Journal whole = Journal.open(copy(written, bytes))) {
            assertEquals(10, whole.transitionInFlight().orElseThrow().completed().size(), "the untorn file has both");
        }
        int cuts = 0;
        for (long cut = chunk[0]; cut < chunk[1]; cut += 256) {
            byte[] torn = bytes.clone();
            java.util.Arrays.fill(torn, (int) cut, (int) Math.min(chunk[1], torn.length), (byte) 0);
            try (Journal journal = Journal.open(copy(written, torn))) {
                TransitionRecord t = journal.transitionInFlight().orElseThrow();
                assertEquals(actions, t.actions());
                assertEquals(actions.subList(0, 5), List.copyOf(t.completed().keySet()), "torn at byte " + cut
                        + " of the chunk at " + chunk[0] + ".." + chunk[1]);
            }
            cuts++;
        }
        assertTrue(cuts >= 8, "the newest chunk spans " + cuts + " cuts of 256 bytes");
    }

    /** Start and end offsets of the newest chunk: MVStore's chunk headers ({@code chunk:id,len:blocks,...}) by block. */
    private static long[] newestChunk(byte[] bytes) {
        Pattern header = Pattern.compile("chunk:([0-9a-f]+),len:([0-9a-f]+),");
        long newest = -1;
        long[] range = null;
        for (int block = 2; block * 4096L < bytes.length; block++) {
            Matcher m = header.matcher(new String(bytes, block * 4096, Math.min(128, bytes.length - block * 4096),
                    java.nio.charset.StandardCharsets.ISO_8859_1));
            if (m.lookingAt() && Long.parseLong(m.group(1), 16) > newest) {
                newest = Long.parseLong(m.group(1), 16);
                range = new long[] {block * 4096L, (block + Long.parseLong(m.group(2), 16)) * 4096L};
            }
        }
        assertTrue(range != null, "no chunk found");
        return range;
    }

    private Path copy(Path like, byte[] bytes) throws IOException {
        Path copy = dir.resolve("copy-" + System.nanoTime() + "-" + like.getFileName());
        Files.write(copy, bytes);
        return copy;
    }

    /** Runs {@link CrashWriter} on the file, kills it (SIGKILL) after {@link #KILL_AFTER} entries; what it acknowledged. */
    private List<Integer> writeUntilKilled(Path file, String... mode) throws Exception {
        Path stderr = dir.resolve("child-stderr.txt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                CrashWriter.class.getName(), file.toString(), "1000000"));
        command.addAll(List.of(mode));
        Process child = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
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
        assertTrue(child.exitValue() != 0, "killed, not finished");
        return acked;
    }

    private static int ack(String line) throws IOException {
        Matcher m = ACK.matcher(line);
        if (!m.matches()) {
            throw new IOException("unexpected output of the child: " + line);
        }
        return Integer.parseInt(m.group(1));
    }
}
