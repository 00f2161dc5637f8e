package org.basket.agent.monitors.support;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExternalCommandTest {

    @TempDir
    Path dir;

    @Test
    void reportsExitCodeOutputAndEnvironment() throws IOException {
        CommandOutcome outcome = ExternalCommand.run(List.of("/bin/sh", "-c", "echo \"$GREETING\"; echo oops >&2; exit 3"),
                Map.of("GREETING", "hello"), Duration.ofSeconds(20));

        assertEquals(3, outcome.exitCode());
        assertFalse(outcome.timedOut());
        assertEquals("hello", outcome.firstLine());
        assertEquals("oops", outcome.errorLine());
    }

    @Test
    void killsTheCommandAndItsChildrenAtTheTimeout() throws IOException {
        Path childPid = dir.resolve("child.pid");
        String script = "sleep 300 & echo $! > " + childPid + "; wait";

        CommandOutcome outcome = ExternalCommand.run(List.of("/bin/sh", "-c", script), Map.of(), Duration.ofSeconds(3));

        assertTrue(outcome.timedOut());
        assertEquals(-1, outcome.exitCode());
        long child = Long.parseLong(Files.readString(childPid).strip());
        await().atMost(Duration.ofSeconds(20)).until(() -> ProcessHandle.of(child).map(p -> !p.isAlive()).orElse(true)
                || Files.readString(Path.of("/proc/" + child + "/stat")).contains(") Z"));
    }

    @Test
    void aDaemonLeftHoldingTheOutputDoesNotBlockTheCaller() throws IOException {
        Path daemonPid = dir.resolve("daemon.pid");
        String script = "sleep 300 & echo $! > " + daemonPid + "; echo started";

        CommandOutcome outcome = ExternalCommand.run(List.of("/bin/sh", "-c", script), Map.of(), Duration.ofSeconds(60));

        assertFalse(outcome.timedOut());
        assertEquals("started", outcome.firstLine());
        ProcessHandle.of(Long.parseLong(Files.readString(daemonPid).strip())).ifPresent(ProcessHandle::destroyForcibly);
    }
}
