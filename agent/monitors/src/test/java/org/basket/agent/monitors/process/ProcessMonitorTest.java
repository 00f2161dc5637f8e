package org.basket.agent.monitors.process;

import static org.awaitility.Awaitility.await;
import static org.basket.agent.monitors.Definitions.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.basket.agent.monitors.LoopbackHttpServer;
import org.basket.api.monitor.ServiceDefinition;
import org.basket.api.monitor.ServiceHealth;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessMonitorTest {

    @TempDir
    Path dir;

    private final ProcessMonitor monitor = new ProcessMonitor();
    private ServiceDefinition started;

    @AfterEach
    void stopWhatWasStarted() throws IOException {
        if (started != null) {
            monitor.stop(started);
        }
    }

    @Test
    void killedProcessIsDetectedAndStartedAgainByPidfile() throws Exception {
        Path pidfile = dir.resolve("sleeper.pid");
        started = service("sleeper", "process", "pidfile", pidfile.toString(), "command", "/bin/sleep 300");
        assertEquals(ServiceHealth.NOT_RUNNING, monitor.check(started).health());

        monitor.start(started);
        long first = Long.parseLong(Files.readString(pidfile).strip());
        assertEquals(ServiceHealth.OK, monitor.check(started).health());

        ProcessHandle.of(first).orElseThrow().destroyForcibly();
        await().atMost(Duration.ofSeconds(20)).until(() -> monitor.check(started).health() == ServiceHealth.NOT_RUNNING);

        monitor.start(started);
        assertEquals(ServiceHealth.OK, monitor.check(started).health());
        assertNotEquals(first, Long.parseLong(Files.readString(pidfile).strip()));

        monitor.stop(started);
        assertEquals(ServiceHealth.NOT_RUNNING, monitor.check(started).health());
        assertFalse(Files.exists(pidfile));
    }

    @Test
    void findsARealHttpServerByPatternAndStopsItWithSigterm() throws Exception {
        LoopbackHttpServer server = new LoopbackHttpServer(dir.resolve("www"));
        started = service("web", "process", "pattern", "http\\.server " + server.port(),
                "command", server.commandLine());

        monitor.start(started);
        server.awaitListening();
        assertEquals(ServiceHealth.OK, monitor.check(started).health());

        monitor.stop(started);
        assertEquals(ServiceHealth.NOT_RUNNING, monitor.check(started).health());
        assertFalse(server.listening());
    }

    @Test
    void aProcessIgnoringSigtermIsKilledAfterTheGrace() throws Exception {
        Path ready = dir.resolve("ready");
        String program = "import signal,time,pathlib; signal.signal(signal.SIGTERM, signal.SIG_IGN); "
                + "pathlib.Path('" + ready + "').touch(); time.sleep(300)";
        started = service("stubborn", "process", "pidfile", dir.resolve("stubborn.pid").toString(),
                "command", LoopbackHttpServer.PYTHON + " -c \"" + program + "\"", "stop.grace.ms", "300");
        monitor.start(started);
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(ready));

        monitor.stop(started);

        assertEquals(ServiceHealth.NOT_RUNNING, monitor.check(started).health());
    }

    @Test
    void aCommandThatExitsAtOnceFailsToStart() {
        ServiceDefinition failing = service("broken", "process", "pattern", "no-such-daemon-xyz",
                "command", "/bin/false", "start.wait.ms", "10000");

        IOException e = assertThrows(IOException.class, () -> monitor.start(failing));
        assertEquals("service 'broken' (process): /bin/false exited with 1 right after starting", e.getMessage());
    }

    @Test
    void aPidfileThatCannotBeWrittenFailsTheStartAndLeavesNoProcess() throws IOException {
        ServiceDefinition unwritable = service("sleeper", "process", "pidfile", dir.resolve("missing/dir.pid").toString(),
                "command", "/bin/sleep 3171");

        IOException e = assertThrows(IOException.class, () -> monitor.start(unwritable));

        assertTrue(e.getMessage().startsWith("service 'sleeper' (process): key 'pidfile': cannot write "),
                e.getMessage());
        assertEquals(List.of(), ProcessTable.matching(Pattern.compile("^/bin/sleep 3171$")));
    }

    @Test
    void aPatternThatMissesTheStartedCommandFailsTheStartAndStopsIt() throws IOException {
        ServiceDefinition mismatched = service("sleeper", "process", "pattern", "^/bin/sleep 3172$",
                "command", "/bin/sleep 3173");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> monitor.start(mismatched));

        assertTrue(e.getMessage().startsWith("service 'sleeper' (process): key 'pattern': '^/bin/sleep 3172$' "
                + "does not match the started command"), e.getMessage());
        assertEquals(List.of(), ProcessTable.matching(Pattern.compile("^/bin/sleep 3173$")));
    }

    @Test
    void validationNamesTheBadParameter() {
        assertEquals("service 'x' (process): key 'pidfile': give exactly one of 'pidfile' and 'pattern'",
                assertThrows(IllegalArgumentException.class,
                        () -> monitor.validate(service("x", "process", "command", "/bin/sleep 1"))).getMessage());
        assertEquals("service 'x' (process): key 'command': sleep is not an executable file (give its full path)",
                assertThrows(IllegalArgumentException.class,
                        () -> monitor.validate(service("x", "process", "pattern", "sleep", "command", "sleep 1"))).getMessage());
        assertEquals(ServiceHealth.UNKNOWN, monitor.check(service("x", "process", "pattern", "(")).health());
    }
}
