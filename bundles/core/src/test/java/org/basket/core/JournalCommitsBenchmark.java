package org.basket.core;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.basket.api.cluster.ClusterEvent;
import org.basket.api.cluster.EventKind;
import org.basket.core.config.ConfigPids;
import org.h2.mvstore.MVStore;

/**
 * How many journal commits a host crash costs: the manager on virtual time with a real journal, 4 hosts and 3 or 10 VMs
 * on each; one host crashes; the commits are the journal's MVStore versions before and after the recovery (each a
 * synced commit). Not a test, run by hand:
 *
 * <pre>
 * cd bundles/core
 * mvn -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test.cp
 * java -cp target/classes:target/test-classes:$(cat target/test.cp) org.basket.core.JournalCommitsBenchmark
 * </pre>
 */
public final class JournalCommitsBenchmark {
    private JournalCommitsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("basket-journal-commits");
        for (int vmsPerHost : new int[] {3, 10}) {
            VirtualCluster cluster = new VirtualCluster();
            List<String> vms = new ArrayList<>();
            cluster.file(ConfigPids.DRIVER, "sim", "type", "sim", "latency.ms", "0", "migration.ms", "0");
            for (int h = 1; h <= 4; h++) {
                cluster.file(ConfigPids.HOST, "node" + h, "driver", "sim");
            }
            for (int v = 0; v < 4 * vmsPerHost; v++) {
                vms.add("vm" + v);
                cluster.file(ConfigPids.RESOURCE, "vm" + v, "cpus", "1");
            }
            Path journal = dir.resolve("journal-" + vmsPerHost + ".mv");
            cluster.start(Map.of("settle.ms", "0", "observe.interval.ms", "50", "host.dead.timeout.ms", "300",
                    "journal.path", journal.toString()));
            try {
                cluster.until(() -> cluster.allRunning(vms), Duration.ofSeconds(20));
                cluster.advance(Duration.ofSeconds(2));
                long before = version(journal, dir);
                long after0 = cluster.lastSequence();
                String host = cluster.hostOf("vm0");
                long onHost = vms.stream().filter(v -> cluster.hostOf(v).equals(host)).count();
                cluster.datacenter.crashHost(host);
                cluster.until(() -> cluster.allRunning(vms) && !cluster.hostOf("vm0").equals(host),
                        Duration.ofSeconds(20));
                cluster.advance(Duration.ofSeconds(2));
                long commits = version(journal, dir) - before;
                List<ClusterEvent> events = cluster.manager.events(2000).stream().filter(e -> e.sequence() > after0)
                        .toList();
                System.out.printf("host crash with %d VMs on it: %d journal commits; %d transition(s), %d action(s) "
                        + "done, %d abandonment(s)%n", onHost, commits,
                        events.stream().filter(e -> e.kind() == EventKind.TRANSITION_STARTED).count(),
                        events.stream().filter(e -> e.kind() == EventKind.ACTION_DONE).count(),
                        events.stream().filter(e -> e.kind() == EventKind.TRANSITION_ABANDONED).count());
            } finally {
                cluster.close();
            }
        }
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(dir);
    }

    /** The newest version committed to the file, read from a copy (the journal holds the file's lock). */
    private static long version(Path journal, Path dir) throws Exception {
        Path copy = dir.resolve("copy-" + System.nanoTime() + ".mv");
        Files.copy(journal, copy);
        try (MVStore store = new MVStore.Builder().fileName(copy.toString()).readOnly().open()) {
            return store.getCurrentVersion();
        } finally {
            Files.delete(copy);
        }
    }
}
