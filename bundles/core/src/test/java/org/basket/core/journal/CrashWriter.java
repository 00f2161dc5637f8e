package org.basket.core.journal;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * The child process of {@link JournalCrashTest}: records entries in a loop and prints
 * {@code ack <i> .} once entry i's recording method returned. Even entries are operations, odd ones
 * fences. Run: {@code CrashWriter <journal file> <count>}.
 */
public final class CrashWriter {
    private CrashWriter() {
    }

    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        Journal journal = Journal.open(file);
        Instant t0 = Instant.parse("2025-01-01T00:00:00Z");
        for (int i = 0; i < count; i++) {
            if (i % 2 == 0) {
                journal.recordOperation(operation(i, t0));
            } else {
                journal.recordFence(fence(i, t0));
            }
            System.out.println("ack " + i + " .");
            System.out.flush();
        }
        journal.close();
    }

    static OperationRecord operation(int i, Instant t0) {
        return new OperationRecord("write " + i, "h" + i % 7, t0.plusMillis(i), Duration.ofMillis(i % 100),
                Outcome.SUCCEEDED, "entry " + i);
    }

    static FenceRecord fence(int i, Instant t0) {
        return new FenceRecord("h" + i, "ipmi-h" + i % 7, Outcome.FAILED, t0.plusMillis(i), "entry " + i);
    }
}
