package org.basket.core.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import org.basket.core.journal.Flag.Kind;
import org.basket.core.journal.JournalException.Problem;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.StringDataType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00.123456789Z");
    private static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);
    private static final Journal.Options OPTIONS = Journal.Options.DEFAULTS.withClock(CLOCK);

    @TempDir
    Path dir;

    private Journal journal;

    @AfterEach
    void closeJournal() {
        if (journal != null) {
            journal.close();
        }
    }

    private Path file() {
        return dir.resolve("basket").resolve("journal.mv");
    }

    private Journal open() {
        journal = Journal.open(file(), OPTIONS);
        return journal;
    }

    private Journal reopen() {
        journal.close();
        return open();
    }

    @Test
    void failuresRoundTripAndClearOnlyTheirResource() {
        open();
        assertEquals(1, journal.recordFailure("vm1", "h1", T0));
        assertEquals(2, journal.recordFailure("vm1", "h1", T0.plusSeconds(5)));
        assertEquals(1, journal.recordFailure("vm1", "h2", T0.plusSeconds(1)));
        // names that need escaping, and one whose encoding could be mistaken for a prefix of another's
        journal.recordFailure("a", "h|1", T0);
        journal.recordFailure("a|x", "h1", T0);
        journal.recordFailure("a\\", "h\\", T0);
        reopen();
        assertEquals(Map.of("vm1", Map.of("h1", 2, "h2", 1), "a", Map.of("h|1", 1), "a|x", Map.of("h1", 1),
                "a\\", Map.of("h\\", 1)), journal.failCounts());
        assertTrue(journal.failures().contains(new FailureRecord("vm1", "h1", 2, T0.plusSeconds(5))));

        journal.clearFailures("a");
        journal.clearFailures("vm1");
        journal.clearFailures("never-failed");
        reopen();
        assertEquals(Map.of("a|x", Map.of("h1", 1), "a\\", Map.of("h\\", 1)), journal.failCounts());
        assertEquals(List.of(new FailureRecord("a\\", "h\\", 1, T0), new FailureRecord("a|x", "h1", 1, T0)),
                journal.failures());
    }

    @Test
    void fencesRoundTripOldestFirst() {
        open();
        FenceRecord ok = new FenceRecord("h1", "ipmi-h1", Outcome.SUCCEEDED, T0, "");
        FenceRecord failed = new FenceRecord("h2", "pdu|2", Outcome.FAILED, T0.plusSeconds(1),
                "pdu-2 reports power ON after power-off\nline 2 \\ done");
        FenceRecord timedOut = new FenceRecord("h2", "", Outcome.TIMED_OUT, T0.plusSeconds(2), "timed out after 60000 ms");
        journal.recordFence(ok);
        journal.recordFence(failed);
        journal.recordFence(timedOut);
        reopen();
        assertEquals(List.of(ok, failed, timedOut), journal.fenceHistory(10));
        assertEquals(List.of(failed, timedOut), journal.fenceHistory(2));
        assertEquals(List.of(), journal.fenceHistory(0));
    }

    @Test
    void operationsRoundTripAndAreBounded() {
        journal = Journal.open(file(), OPTIONS.withOperationLimit(5));
        List<OperationRecord> all = IntStream.range(0, 12).mapToObj(JournalTest::operation).toList();
        all.forEach(journal::recordOperation);
        assertEquals(all.subList(7, 12), journal.operations(100));
        assertEquals(all.subList(9, 12), journal.operations(3));
        journal.close();

        journal = Journal.open(file(), OPTIONS.withOperationLimit(3));
        assertEquals(all.subList(9, 12), journal.operations(100), "a lower limit trims at open");
        journal.recordOperation(operation(12));
        assertEquals(List.of(all.get(10), all.get(11), operation(12)), journal.operations(100));
    }

    @Test
    void aBurstOfCommitsReusesTheFileSpace() throws IOException {
        journal = Journal.open(file(), OPTIONS.withOperationLimit(50));
        for (int i = 0; i < 1200; i++) {
            journal.recordOperation(operation(i));
        }
        // with MVStore's default retention of 45 s this burst alone would take ~25 MiB
        long size = Files.size(file());
        assertTrue(size < 2 << 20, "journal file of " + size + " bytes");
        assertEquals(operation(1199), journal.operations(1).get(0));
    }

    private static OperationRecord operation(int i) {
        Outcome[] outcomes = Outcome.values();
        return new OperationRecord("start vm" + i + " on h" + (i % 3), i % 4 == 0 ? "" : "h" + (i % 3),
                T0.plusMillis(i * 1001L), Duration.ofNanos(123_456_789L * i), outcomes[i % outcomes.length],
                i % 2 == 0 ? "" : "driver said: no | \\ " + i);
    }

    @Test
    void flagsRoundTrip() {
        open();
        Flag clusterMaintenance = Flag.cluster(Kind.MAINTENANCE);
        Flag hostStandby = Flag.host(Kind.STANDBY, "h1");
        Flag hostMaintenance = Flag.host(Kind.MAINTENANCE, "h1");
        Flag resourceMaintenance = Flag.resource(Kind.MAINTENANCE, "vm|1");
        journal.setFlag(clusterMaintenance, true);
        journal.setFlag(hostStandby, true);
        journal.setFlag(hostMaintenance, true);
        journal.setFlag(resourceMaintenance, true);
        journal.setFlag(hostMaintenance, false);
        journal.setFlag(Flag.host(Kind.STANDBY, "h2"), false);
        reopen();
        assertEquals(List.of(clusterMaintenance, hostStandby, resourceMaintenance), List.copyOf(journal.flags()));
        assertTrue(journal.isSet(hostStandby));
        assertFalse(journal.isSet(hostMaintenance));
        assertThrows(IllegalArgumentException.class, () -> new Flag(Kind.STANDBY, Flag.Scope.HOST, ""));
        assertThrows(IllegalArgumentException.class, () -> new Flag(Kind.STANDBY, Flag.Scope.CLUSTER, "h1"));
    }

    @Test
    void aHostToFenceForAFailedStopRoundTripsNamingHostAndResource() {
        open();
        Flag fence = Flag.fenceNeeded("h1", "vm|1");
        journal.setFlag(fence, true);
        journal.setFlag(Flag.fenceNeeded("h1", "db"), true);
        journal.setFlag(Flag.fenceNeeded("h1", "db"), false);
        reopen();
        assertEquals(Set.of(fence), journal.flags());
        Flag read = journal.flags().iterator().next();
        assertEquals("h1", read.name());
        assertEquals("vm|1", read.stopFailed());
        assertEquals("", Flag.blocked("vm|1", "h1").stopFailed());
        assertThrows(IllegalArgumentException.class, () -> new Flag(Kind.FENCE_NEEDED, Flag.Scope.HOST, "h1"));
        assertThrows(IllegalArgumentException.class, () -> new Flag(Kind.FENCE_NEEDED, Flag.Scope.RESOURCE, "h1 vm"));
    }

    @Test
    void transitionInFlightSurvivesReopenUntilEnded() {
        open();
        assertEquals(Optional.empty(), journal.transitionInFlight());
        List<String> actions = List.of("fence h2", "start vm1 on h1", "migrate vm2 from h1 to h3", "stop vm|3 on h1");
        long id = journal.beginTransition(actions);
        journal.actionCompleted("start vm1 on h1", true);
        journal.actionCompleted("fence h2", false);
        reopen();

        TransitionRecord inFlight = journal.transitionInFlight().orElseThrow();
        assertEquals(id, inFlight.id());
        assertEquals(T0, inFlight.started());
        assertEquals(actions, inFlight.actions());
        assertEquals(List.of("fence h2", "start vm1 on h1"), List.copyOf(inFlight.completed().keySet()));
        assertEquals(List.of("migrate vm2 from h1 to h3", "stop vm|3 on h1"), inFlight.pending());
        assertEquals(List.of("fence h2"), inFlight.failed());

        IllegalStateException twice = assertThrows(IllegalStateException.class,
                () -> journal.beginTransition(List.of("start vm9 on h1")));
        assertTrue(twice.getMessage().contains("transition " + id), twice.getMessage());
        assertThrows(IllegalArgumentException.class, () -> journal.actionCompleted("start vm9 on h1", true));
        assertThrows(IllegalArgumentException.class, () -> journal.beginTransition(List.of("a", "a")));

        journal.endTransition();
        journal.endTransition();
        reopen();
        assertEquals(Optional.empty(), journal.transitionInFlight());
        assertThrows(IllegalStateException.class, () -> journal.actionCompleted("fence h2", true));
        assertEquals(id + 1, journal.beginTransition(List.of("start vm1 on h2")));
        assertEquals(List.of("start vm1 on h2"), journal.transitionInFlight().orElseThrow().pending());
    }

    @Test
    void aBatchOfCompletionsAndAReplacedTransitionAreEachOneChange() {
        open();
        List<String> actions = List.of("start vm1 on h1", "start vm2 on h1", "start vm3 on h2");
        long first = journal.replaceTransition(actions);
        long second = journal.replaceTransition(actions); // ends the first
        assertEquals(first + 1, second);
        journal.actionsCompleted(List.of("start vm1 on h1", "start vm3 on h2"), false);
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> journal.actionsCompleted(List.of("start vm2 on h1", "start vm9 on h1"), true));
        assertTrue(unknown.getMessage().contains("'start vm9 on h1' is not an action"), unknown.getMessage());
        reopen();

        TransitionRecord inFlight = journal.transitionInFlight().orElseThrow();
        assertEquals(second, inFlight.id());
        assertEquals(List.of("start vm1 on h1", "start vm3 on h2"), inFlight.failed());
        assertEquals(List.of("start vm2 on h1"), inFlight.pending(), "a batch with an unknown action records nothing");
    }

    @Test
    void reopenAfterCloseKeepsEverything() {
        open();
        journal.recordFailure("vm1", "h1", T0);
        journal.recordFence(new FenceRecord("h1", "ipmi", Outcome.SUCCEEDED, T0, ""));
        journal.recordOperation(operation(1));
        journal.setFlag(Flag.cluster(Kind.STANDBY), true);
        journal.beginTransition(List.of("start vm1 on h2"));
        journal.close();
        journal.close();
        JournalException closed = assertThrows(JournalException.class, () -> journal.failCounts());
        assertEquals(Problem.CLOSED, closed.problem());

        open();
        assertEquals(Map.of("vm1", Map.of("h1", 1)), journal.failCounts());
        assertEquals(1, journal.fenceHistory(10).size());
        assertEquals(List.of(operation(1)), journal.operations(10));
        assertEquals(Set.of(Flag.cluster(Kind.STANDBY)), journal.flags());
        assertEquals(List.of("start vm1 on h2"), journal.transitionInFlight().orElseThrow().actions());
        assertEquals(Optional.empty(), journal.movedAside());
    }

    @Test
    void anInterruptedCallerNeitherBreaksTheFileNorLosesItsInterrupt() {
        open();
        Thread.currentThread().interrupt();
        try {
            journal.recordOperation(operation(1));
            journal.recordFailure("vm1", "h1", T0);
            assertEquals(List.of(operation(1)), journal.operations(10));
        } finally {
            assertTrue(Thread.interrupted(), "the caller's interrupt status is kept");
        }
        journal.recordOperation(operation(2));
        reopen();
        assertEquals(List.of(operation(1), operation(2)), journal.operations(10));
    }

    @Test
    void aSecondJournalOnTheSameFileIsRefused() {
        open();
        JournalException e = assertThrows(JournalException.class, () -> Journal.open(file(), OPTIONS));
        assertEquals(Problem.LOCKED, e.problem());
        assertTrue(e.getMessage().contains(file().toString()), e.getMessage());
        assertThrows(JournalException.class, () -> Journal.openOrMoveAside(file(), OPTIONS));
        assertTrue(Files.exists(file()));
    }

    @Test
    void aZeroLengthFileIsCorruptNotANewJournal() throws IOException {
        Files.createDirectories(file().getParent());
        Files.write(file(), new byte[0]);
        JournalException e = assertThrows(JournalException.class, () -> Journal.open(file(), OPTIONS));
        assertEquals(Problem.CORRUPT, e.problem());
        assertTrue(e.getMessage().contains("is empty (zero length)"), e.getMessage());
        try (Journal started = Journal.openOrMoveAside(file(), OPTIONS)) {
            assertTrue(started.movedAside().isPresent(), "moved aside, loudly, instead of silently taken as new");
        }
    }

    @Test
    void aCorruptFileIsAClearErrorAndIsLeftAlone() throws IOException {
        byte[] garbage = garbage();
        Files.createDirectories(file().getParent());
        Files.write(file(), garbage);
        JournalException e = assertThrows(JournalException.class, () -> Journal.open(file(), OPTIONS));
        assertEquals(Problem.CORRUPT, e.problem());
        assertEquals(file(), e.file());
        assertTrue(e.getMessage().contains(file().toString()) && e.getMessage().contains("corrupt"), e.getMessage());
        assertArrayEquals(garbage, Files.readAllBytes(file()), "open never starts over by itself");
    }

    @Test
    void aDamagedNewestChunkIsNotSilentlyRolledBack() throws IOException {
        open();
        for (int i = 0; i < 50; i++) {
            journal.recordOperation(operation(i));
        }
        journal.close();
        journal = null;
        // the header (ISO-8859-1 text at offset 0) names the block of the newest chunk: wipe that chunk
        String header = new String(Files.readAllBytes(file()), 0, 4096, StandardCharsets.ISO_8859_1);
        Matcher block = Pattern.compile("block:([0-9a-f]+)").matcher(header);
        assertTrue(block.find(), header);
        try (var channel = FileChannel.open(file(), StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.allocate(4096), Long.parseLong(block.group(1), 16) * 4096);
        }
        // MVStore alone would open at an older chunk, without the last operations
        try (MVStore store = new MVStore.Builder().fileName(file().toString()).autoCommitDisabled().readOnly().open()) {
            assertTrue(store.openMap("operations", new MVMap.Builder<String, String>().keyType(StringDataType.INSTANCE)
                    .valueType(StringDataType.INSTANCE)).size() < 50);
        }
        JournalException e = assertThrows(JournalException.class, () -> Journal.open(file(), OPTIONS));
        assertEquals(Problem.CORRUPT, e.problem());
        assertTrue(e.getMessage().contains("its header records version"), e.getMessage());
    }

    @Test
    void aDamagedRecordIsNamed() {
        open().recordOperation(operation(1));
        journal.close();
        journal = null;
        rawPut("operations", "0000000000000000001", "1|start vm1|h1|not a time|PT1S|SUCCEEDED|");
        JournalException e = assertThrows(JournalException.class, () -> Journal.open(file(), OPTIONS));
        assertEquals(Problem.CORRUPT, e.problem());
        assertTrue(e.getMessage().contains("'operations' key '0000000000000000001'"), e.getMessage());
    }

    @Test
    void aMVStoreFileThatIsNoJournalIsCorrupt() {
        rawPut("something-else", "k", "v");
        JournalException e = assertThrows(JournalException.class, () -> Journal.open(file(), OPTIONS));
        assertEquals(Problem.CORRUPT, e.problem());
        assertTrue(e.getMessage().contains("not a Basket journal"), e.getMessage());
    }

    @Test
    void aNewerFormatIsRefusedAndNeverMovedAside() {
        open().setFlag(Flag.cluster(Kind.STANDBY), true);
        journal.close();
        journal = null;
        rawPut("meta", "format", "2");
        JournalException e = assertThrows(JournalException.class, () -> Journal.openOrMoveAside(file(), OPTIONS));
        assertEquals(Problem.UNSUPPORTED_FORMAT, e.problem());
        assertTrue(e.getMessage().contains("newer"), e.getMessage());

        rawPut("meta", "format", "1");
        rawPut("flags", "CLUSTER||STANDBY", "2|whatever");
        e = assertThrows(JournalException.class, () -> Journal.openOrMoveAside(file(), OPTIONS));
        assertEquals(Problem.UNSUPPORTED_FORMAT, e.problem());
        assertTrue(e.getMessage().contains("encoding version 2"), e.getMessage());
        assertEquals(List.of(file().getFileName().toString()), list(file().getParent()));
    }

    @Test
    void openOrMoveAsideRenamesACorruptFileAndStartsEmpty() throws IOException {
        byte[] garbage = garbage();
        Files.createDirectories(file().getParent());
        Files.write(file(), garbage);
        journal = Journal.openOrMoveAside(file(), OPTIONS);
        Path aside = file().resolveSibling("journal.mv.corrupt-20250301T100000Z");
        assertEquals(Optional.of(aside), journal.movedAside());
        assertArrayEquals(garbage, Files.readAllBytes(aside));
        assertEquals(Map.of(), journal.failCounts());
        assertEquals(List.of(), journal.operations(10));
        journal.recordFailure("vm1", "h1", T0);
        journal.close();

        Files.write(file(), garbage);
        journal = Journal.openOrMoveAside(file(), OPTIONS);
        assertEquals(Optional.of(file().resolveSibling("journal.mv.corrupt-20250301T100000Z-2")), journal.movedAside());
        assertEquals(List.of("journal.mv", "journal.mv.corrupt-20250301T100000Z", "journal.mv.corrupt-20250301T100000Z-2"),
                list(file().getParent()));
        journal.close();

        journal = Journal.openOrMoveAside(file(), OPTIONS);
        assertEquals(Optional.empty(), journal.movedAside(), "a sound journal is opened as it is");
    }

    /** Bytes that are no MVStore file: not even its header. */
    private static byte[] garbage() {
        byte[] bytes = new byte[3 * 4096];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31 + 7);
        }
        return bytes;
    }

    private void rawPut(String map, String key, String value) {
        try {
            Files.createDirectories(file().getParent());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        try (MVStore store = new MVStore.Builder().fileName(file().toString()).autoCommitDisabled().open()) {
            MVMap<String, String> m = store.openMap(map, new MVMap.Builder<String, String>()
                    .keyType(StringDataType.INSTANCE).valueType(StringDataType.INSTANCE));
            m.put(key, value);
            store.commit();
        }
    }

    private static List<String> list(Path directory) {
        try (var files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
