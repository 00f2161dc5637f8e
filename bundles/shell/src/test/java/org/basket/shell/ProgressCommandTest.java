package org.basket.shell;

import static org.basket.shell.SnapshotBuilder.snapshot;
import static org.basket.shell.TestShell.NL;
import static org.basket.shell.TestShell.execute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.basket.api.cluster.Progress;
import org.basket.api.cluster.Progress.Phase;
import org.basket.api.cluster.Progress.Step;
import org.basket.api.model.HostState;
import org.junit.jupiter.api.Test;

/** ha:progress, ha:cancel and ha:host-standby --wait. */
class ProgressCommandTest {
    private final FakeClusterService cluster = snapshot()
            .host("node1", HostState.STANDBY, 8, 16384)
            .host("node2", HostState.ONLINE, 8, 16384)
            .vm("db", 1, 1024).vm("web", 1, 1024)
            .running("db", "node1").running("web", "node2")
            .service();

    @Test
    void idleClusterSaysSoAndShowsDrainsThatCannotProgress() {
        String out = execute(new ProgressCommand(), cluster, false);
        assertEquals("No transition in flight." + NL + "Draining node1: 1 resource(s) left (db)" + NL, out);
    }

    @Test
    void transitionShowsEachActionWithItsPhase() {
        Instant now = Instant.now();
        cluster.progress = new Progress(now.minusSeconds(2), List.of(
                new Step("migrate db from node1 to node2", Phase.SUCCEEDED, now, Duration.ofMillis(1500), ""),
                new Step("start cache on node2", Phase.RUNNING, now.minusMillis(500), Duration.ZERO, ""),
                new Step("start batch on node2", Phase.ABORTED, now, Duration.ZERO, "domain x crashed on node2")),
                "domain x crashed on node2");
        String out = execute(new ProgressCommand(), cluster, false);
        assertTrue(out.contains("1 done, 0 failed, 1 running, 0 to do, 1 not started"), out);
        assertTrue(out.contains("Not started actions abandoned: domain x crashed on node2"), out);
        assertTrue(out.matches("(?s).*migrate db from node1 to node2 +\\| succeeded +\\| 1500 ms.*"), out);
        assertTrue(out.matches("(?s).*start batch on node2 +\\| aborted .*\\| domain x crashed on node2.*"), out);
    }

    @Test
    void jsonCarriesStepsAndDrains() {
        String out = execute(new ProgressCommand(), cluster, true);
        assertEquals("{\"started\":null,\"steps\":[],\"aborted\":\"\",\"draining\":{\"node1\":[\"db\"]}}" + NL, out);
    }

    @Test
    void cancelPrintsWhatItCancelled() {
        assertEquals("Nothing to cancel." + NL, execute(new CancelCommand(), cluster, false));
        cluster.cancelResult = List.of("drain of node1 cancelled: the host is back online");
        assertEquals("drain of node1 cancelled: the host is back online" + NL, execute(new CancelCommand(), cluster, false));
        assertEquals(2, cluster.cancels);
    }

    @Test
    void standbyWaitFollowsTheDrainToTheEnd() throws Exception {
        HostStandbyCommand command = new HostStandbyCommand();
        command.host = "node1";
        command.waitForDrain = true;
        Thread mover = new Thread(() -> {
            sleep(3 * HostStandbyCommand.POLL_MS);
            cluster.snapshot = snapshot().host("node1", HostState.STANDBY, 8, 16384)
                    .host("node2", HostState.ONLINE, 8, 16384).vm("db", 1, 1024).vm("web", 1, 1024)
                    .running("db", "node2").running("web", "node2").build();
        });
        mover.start();
        String out = execute(command, cluster, false);
        mover.join();
        assertEquals("Host node1 is in standby; draining." + NL + "1 resource(s) to move: db" + NL + "  db left node1" + NL
                + "Host node1 is drained." + NL, out);
    }

    @Test
    void standbyWaitGivesUpWatchingAfterItsTimeout() {
        HostStandbyCommand command = new HostStandbyCommand();
        command.host = "node1";
        command.waitForDrain = true;
        command.timeoutSeconds = 0;
        String out = execute(command, cluster, false);
        assertTrue(out.endsWith("Not drained after 0 s; still on node1: db (ha:progress and ha:explain tell why; "
                + "the drain goes on)" + NL), out);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
