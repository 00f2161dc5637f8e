package org.basket.core.journal;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The child process of {@link JournalCrashTest}: records entries in a loop and prints
 * {@code ack <i> .} once entry i's recording method returned. Even entries are operations, odd ones
 * fences. With {@code batches}, even entries begin a transition (ending the one before) and odd ones complete its
 * {@link #BATCH} actions in one call. Run: {@code CrashWriter <journal file> <count> [batches]}.
 */
public final class CrashWriter {
    /** Actions per transition, completed in one batch. */
    static final int BATCH = 10;

    private CrashWriter() {
    }

    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        boolean batches = args.length > 2 && args[2].equals("batches");
        Journal journal = Journal.open(file);
        Instant t0 = Instant.parse("2025-01-01T00:00:00Z");
        for (int i = 0; i < count; i++) {
            if (batches && i % 2 == 0) {
                journal.replaceTransition(transition(i / 2));
            } else if (batches) {
                journal.actionsCompleted(transition(i / 2), true);
            } else if (i % 2 == 0) {
                journal.recordOperation(operation(i, t0));
            } else {
                journal.recordFence(fence(i, t0));
            }
            System.out.println("ack " + i + " .");
            System.out.flush();
        }
        journal.close();
    }

    /** The actions of the k-th transition: with {@code batches}, entry 2k begins it and entry 2k+1 completes them all. */
    static List<String> transition(int k) {
        return IntStream.range(0, BATCH).mapToObj(j -> "start vm" + j + " on h" + k).toList();
    }

    static OperationRecord operation(int i, Instant t0) {
        return new OperationRecord("write " + i, "h" + i % 7, t0.plusMillis(i), Duration.ofMillis(i % 100),
                Outcome.SUCCEEDED, "entry " + i);
    }

    static FenceRecord fence(int i, Instant t0) {
        return new FenceRecord("h" + i, "ipmi-h" + i % 7, Outcome.FAILED, t0.plusMillis(i), "entry " + i);
    }
}
