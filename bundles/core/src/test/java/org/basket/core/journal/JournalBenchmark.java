package org.basket.core.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.IntConsumer;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.StringDataType;

/**
 * Measures what one recorded entry costs (commit + sync each): not a test, run by hand.
 *
 * <pre>
 * cd bundles/core
 * mvn -q -o dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test.cp
 * java -cp target/classes:target/test-classes:$(cat target/test.cp) \
 *     org.basket.core.journal.JournalBenchmark [directory (default target/journal-bench)] [entries (default 2000)]
 * </pre>
 *
 * For comparison it also times the same MVStore writes committed without sync (not durable
 * against a machine crash) and committed only once at the end.
 */
public final class JournalBenchmark {
    private JournalBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/journal-bench");
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        Files.createDirectories(dir);
        Instant t0 = Instant.now();
        System.out.printf(Locale.ROOT, "journal benchmark: %d entries per case in %s (%s)%n", n, dir.toAbsolutePath(),
                Files.getFileStore(dir).type());
        for (int round = 1; round <= 2; round++) {
            System.out.println("round " + round + (round == 1 ? " (warm-up)" : ""));
            Path file = fresh(dir.resolve("bench.mv"));
            try (Journal journal = Journal.open(file)) {
                time("recordOperation", n, i -> journal.recordOperation(new OperationRecord("start vm" + i + " on h1",
                        "h1", t0, Duration.ofMillis(i), Outcome.SUCCEEDED, "")));
                time("recordFailure", n, i -> journal.recordFailure("vm" + i % 50, "h" + i % 5, t0));
                time("recordFence", n, i -> journal.recordFence(new FenceRecord("h" + i, "ipmi", Outcome.SUCCEEDED, t0, "")));
                time("setFlag", n, i -> journal.setFlag(Flag.host(Flag.Kind.STANDBY, "h" + i % 10), i % 2 == 0));
                List<String> actions = List.of("fence h2", "start vm1 on h1", "stop vm2 on h3");
                time("begin+3 completed+end", n / 5, i -> {
                    journal.beginTransition(actions);
                    actions.forEach(a -> journal.actionCompleted(a, true));
                    journal.endTransition();
                });
                journal.endTransition();
                time("end(none)+begin+end: 3 commits", n / 5, i -> {
                    journal.endTransition();
                    journal.beginTransition(actions);
                    journal.endTransition();
                });
                time("replaceTransition+end: 2 commits", n / 5, i -> {
                    journal.replaceTransition(actions);
                    journal.endTransition();
                });
                List<String> twenty = java.util.stream.IntStream.range(0, 20).mapToObj(i -> "start vm" + i + " on h1")
                        .toList();
                time("begin+20 abandoned: 21 commits", n / 20, i -> {
                    journal.replaceTransition(twenty);
                    twenty.forEach(a -> journal.actionCompleted(a, false));
                });
                time("begin+actionsCompleted(20): 2", n / 20, i -> {
                    journal.replaceTransition(twenty);
                    journal.actionsCompleted(twenty, false);
                });
                journal.endTransition();
                time("operations(10000) read", 20, i -> journal.operations(10_000));
            }
            System.out.printf(Locale.ROOT, "  file size after the cases: %d KiB%n", Files.size(file) / 1024);
            raw(fresh(dir.resolve("raw.mv")), n, true, true, "MVStore put+commit+sync");
            raw(fresh(dir.resolve("raw.mv")), n, true, false, "MVStore put+commit (no sync)");
            raw(fresh(dir.resolve("raw.mv")), n, false, false, "MVStore put, one commit at the end");
        }
        fresh(dir.resolve("bench.mv"));
        fresh(dir.resolve("raw.mv"));
    }

    private static void raw(Path file, int n, boolean commitEach, boolean sync, String name) {
        try (MVStore store = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open()) {
            MVMap<String, String> map = store.openMap("operations", new MVMap.Builder<String, String>()
                    .keyType(StringDataType.INSTANCE).valueType(StringDataType.INSTANCE));
            time(name, n, i -> {
                map.put(String.format("%019d", i), "1|start vm" + i + " on h1|h1|2025-01-01T00:00:00Z|PT0S|SUCCEEDED|");
                if (commitEach || i == n - 1) {
                    store.commit();
                }
                if (sync) {
                    store.sync();
                }
            });
        }
    }

    private static void time(String name, int n, IntConsumer call) {
        long[] nanos = new long[n];
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            call.accept(i);
            nanos[i] = System.nanoTime() - t;
        }
        long total = System.nanoTime() - start;
        java.util.Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "  %-36s %6d calls  mean %8.3f ms  p50 %8.3f ms  p99 %8.3f ms  %8.0f/s%n", name,
                n, total / 1e6 / n, nanos[n / 2] / 1e6, nanos[Math.min(n - 1, n * 99 / 100)] / 1e6, n / (total / 1e9));
    }

    private static Path fresh(Path file) throws IOException {
        Files.deleteIfExists(file);
        return file;
    }
}
