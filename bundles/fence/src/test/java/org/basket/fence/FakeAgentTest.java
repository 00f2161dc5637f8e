package org.basket.fence;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.basket.api.fence.PowerState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Agent protocol edge cases, with shell agents the tests write into a temporary search directory. */
class FakeAgentTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final Map<String, String> ADDRESS = Map.of("ip", "127.0.0.1", "ipport", "9623");

    @TempDir
    Path directory;

    @Test
    void timeoutKillsTheAgentAndItsChildAndSaysSo() throws Exception {
        FakeAgents.write(directory, "fence_sleepy", """
                echo $$ > %1$s/agent.pid
                sleep 60 &
                echo $! > %1$s/child.pid
                wait
                """.formatted(directory));
        FenceAgent sleepy = locate("fence_sleepy");
        sleepy.metadata();

        long start = System.nanoTime();
        FenceAgentException e = assertThrows(FenceAgentException.class,
                () -> sleepy.run(FenceAction.OFF, ADDRESS, Duration.ofMillis(1500)));
        long tookMillis = (System.nanoTime() - start) / 1_000_000;

        assertEquals(FenceFailure.TIMEOUT, e.failure());
        assertEquals("fence_sleepy:127.0.0.1:9623 off: fence_sleepy timed out after 1500 ms and was killed", e.getMessage());
        assertTrue(tookMillis < 5000, "took " + tookMillis + " ms");
        for (String pidFile : List.of("agent.pid", "child.pid")) {
            long pid = Long.parseLong(Files.readString(directory.resolve(pidFile)).trim());
            await().atMost(Duration.ofSeconds(5)).until(() -> !isRunning(pid));
        }
    }

    @Test
    void parametersGoToStdinOneKeyValuePerLineAfterTheAction() throws Exception {
        FakeAgents.write(directory, "fence_recorder", "cat > " + directory.resolve("stdin"));

        locate("fence_recorder").run(FenceAction.ON, Map.of("ipaddr", "127.0.0.1", "password", "pw"), TIMEOUT);

        assertEquals(List.of("action=on", "ipaddr=127.0.0.1", "password=pw", "verbose=1"),
                Files.readAllLines(directory.resolve("stdin")), "verbose=1 is added because the agent declares it");
    }

    @Test
    void metadataIsReadOnce() throws Exception {
        Path calls = directory.resolve("metadata-calls");
        FakeAgents.write(directory, "fence_counted", "exit 0");
        Path agent = directory.resolve("fence_counted");
        Files.writeString(agent, Files.readString(agent).replace("cat <<'METADATA'", "echo call >> " + calls + "\ncat <<'METADATA'"));
        FenceAgent counted = locate("fence_counted");

        counted.validate(ADDRESS);
        counted.run(FenceAction.ON, ADDRESS, TIMEOUT);
        counted.status(ADDRESS, TIMEOUT);

        assertEquals(List.of("call"), Files.readAllLines(calls));
    }

    @Test
    void statusMapsExitCodes() throws Exception {
        Path exitCode = directory.resolve("exit-code");
        FakeAgents.write(directory, "fence_exit", """
                cat > /dev/null
                echo "2024-01-01 10:00:00,000 ERROR: Failed: Unable to obtain correct plug status or plug is not available" >&2
                exit $(cat %s)
                """.formatted(exitCode));
        FenceAgent agent = locate("fence_exit");

        Files.writeString(exitCode, "0");
        assertEquals(PowerState.ON, agent.status(ADDRESS, TIMEOUT));
        Files.writeString(exitCode, "2");
        assertEquals(PowerState.OFF, agent.status(ADDRESS, TIMEOUT));
        agent.run(FenceAction.STATUS, ADDRESS, TIMEOUT);

        Files.writeString(exitCode, "1");
        FenceAgentException e = assertThrows(FenceAgentException.class, () -> agent.status(ADDRESS, TIMEOUT));
        assertEquals(FenceFailure.AGENT_ERROR, e.failure());
        assertEquals("fence_exit:127.0.0.1:9623 status: the agent failed with exit code 1 (agent said: "
                + "Failed: Unable to obtain correct plug status or plug is not available)", e.getMessage());
        assertThrows(FenceAgentException.class, () -> agent.run(FenceAction.OFF, ADDRESS, TIMEOUT));
    }

    @Test
    void offConfirmedByStatusOnOrItFails() throws Exception {
        FakeAgents.write(directory, "fence_liar", "exit 0");

        FenceAgentException e = assertThrows(FenceAgentException.class,
                () -> new FenceAgentDevice(locate("fence_liar"), ADDRESS, TIMEOUT).powerOff());
        assertEquals(FenceFailure.UNEXPECTED_STATE, e.failure());
        assertEquals("fence_liar:127.0.0.1:9623 off: the agent reported success but the status is ON", e.getMessage());
    }

    @Test
    void unsupportedActionIsRejected() throws Exception {
        FakeAgents.write(directory, "fence_simple", "exit 0");

        FenceAgentException e = assertThrows(FenceAgentException.class,
                () -> locate("fence_simple").run(FenceAction.REBOOT, ADDRESS, TIMEOUT));
        assertEquals("fence_simple does not support action 'reboot'", e.getMessage());
    }

    @Test
    void agentErrorsAreClassified() throws Exception {
        FakeAgents.write(directory, "fence_refused", """
                cat > /dev/null
                echo "2024-01-01 10:00:00,000 ERROR: Unable to connect/login to fencing device" >&2
                exit 1
                """);
        FakeAgents.write(directory, "fence_usage", """
                cat > /dev/null
                echo "2024-01-01 10:00:00,000 ERROR: Failed: You have to enter plug number or machine identification" >&2
                echo "2024-01-01 10:00:00,000 ERROR: Please use '-h' for usage" >&2
                exit 1
                """);

        FenceAgentException refused = assertThrows(FenceAgentException.class,
                () -> locate("fence_refused").run(FenceAction.OFF, ADDRESS, TIMEOUT));
        assertEquals(FenceFailure.WRONG_CREDENTIALS, refused.failure());
        FenceAgentException usage = assertThrows(FenceAgentException.class,
                () -> locate("fence_usage").run(FenceAction.OFF, ADDRESS, TIMEOUT));
        assertEquals(FenceFailure.INVALID_PARAMETERS, usage.failure());
        assertEquals("fence_usage:127.0.0.1:9623 off: the agent rejected its parameters "
                + "(agent said: Failed: You have to enter plug number or machine identification)", usage.getMessage());
    }

    @Test
    void aPythonTracebackIsQuotedByItsLastException() throws Exception {
        FakeAgents.write(directory, "fence_python", """
                cat >&2 <<'TRACEBACK'
                2024-01-01 10:00:00,000 DEBUG: Starting new HTTPS connection (1): 127.0.0.1:6794
                2024-01-01 10:00:00,100 ERROR: Exception occurred:\s
                Traceback (most recent call last):
                  File "/usr/lib/python3/dist-packages/urllib3/connectionpool.py", line 705, in urlopen
                    httplib_response = self._make_request(
                ConnectionResetError: [Errno 104] Connection reset by peer

                During handling of the above exception, another exception occurred:

                Traceback (most recent call last):
                  File "/usr/sbin/fence_python", line 556, in main
                    conn.logon()
                ApiClientRequestError: API request failed, details:
                HTTP Request : POST https://127.0.0.1:6794/api/sessions
                HTTP Response status: 403
                Error message: Logon failed.
                2024-01-01 10:00:00,200 DEBUG: done
                TRACEBACK
                exit 1
                """);

        FenceAgentException e = assertThrows(FenceAgentException.class,
                () -> locate("fence_python").run(FenceAction.OFF, ADDRESS, TIMEOUT));

        assertEquals(FenceFailure.AGENT_ERROR, e.failure());
        assertEquals("fence_python:127.0.0.1:9623 off: the agent failed with exit code 1 (agent said: Exception occurred: "
                + "ApiClientRequestError: API request failed, details: HTTP Request : POST https://127.0.0.1:6794/api/sessions "
                + "HTTP Response status: 403 Error message: Logon failed.)", e.getMessage());
    }

    private FenceAgent locate(String name) throws FenceAgentException {
        return FenceAgent.locate(name, List.of(directory));
    }

    /** A killed orphan may stay a zombie where PID 1 does not reap (as on these machines): that counts as dead. */
    private static boolean isRunning(long pid) throws IOException {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (NoSuchFileException gone) {
            return false;
        }
    }
}
