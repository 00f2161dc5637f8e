package org.basket.fence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.basket.testsupport.LogFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every failure path, including agents that print everything they were given, must keep secret values
 * out of exception messages, {@code toString()} and the log.
 */
class PasswordLeakTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final String ECHO_STDIN = """
            while IFS= read -r line; do
              echo "$line"
              echo "2024-01-01 10:00:00,000 ERROR: Failed: got $line" >&2
            done
            """;

    @TempDir
    Path directory;

    /** IPMI v2 passwords have at most 20 bytes: longer ones fail before any packet is sent. */
    private final String password = "Pw-" + UUID.randomUUID().toString().substring(0, 13);
    private final String privacyPassword = "Priv-" + UUID.randomUUID();
    private final String credential = "Cred-" + UUID.randomUUID();
    private final List<String> messages = new ArrayList<>();

    @Test
    void noMessageToStringOrLogLineContainsASecret() throws Exception {
        FakeAgents.write(directory, "fence_echo", ECHO_STDIN + "exit 1");
        FakeAgents.write(directory, "fence_echo_sleepy", ECHO_STDIN.replace("done", "done\nexec sleep 60"));
        FenceAgent echo = FenceAgent.locate("fence_echo", List.of(directory));
        FenceAgent sleepy = FenceAgent.locate("fence_echo_sleepy", List.of(directory));
        FenceAgent dummy = FenceAgent.locate("fence_dummy");
        FenceAgent ipmilan = FenceAgent.locate("fence_ipmilan");
        Map<String, String> secrets = Map.of(
                "ip", "127.0.0.1", "password", password, "snmp_priv_passwd", privacyPassword, "credential", credential);

        assertEquals(FenceFailure.AGENT_ERROR, fails(() -> echo.run(FenceAction.OFF, secrets, TIMEOUT)));
        assertEquals(FenceFailure.AGENT_ERROR, fails(() -> echo.status(secrets, TIMEOUT)));
        assertEquals(FenceFailure.AGENT_ERROR, fails(() -> new FenceAgentDevice(echo, secrets, TIMEOUT).powerOff()));
        assertEquals(FenceFailure.TIMEOUT, fails(() -> sleepy.run(FenceAction.ON, secrets, Duration.ofMillis(1000))));
        assertEquals(FenceFailure.INVALID_PARAMETERS,
                fails(() -> echo.run(FenceAction.ON, with(secrets, "passwd", password), TIMEOUT)));
        assertEquals(FenceFailure.INVALID_PARAMETERS,
                fails(() -> echo.validate(with(secrets, "password", password + "\naction=reboot"))));
        assertEquals(FenceFailure.INVALID_PARAMETERS,
                fails(() -> dummy.run(FenceAction.OFF, Map.of("password", password), TIMEOUT)));
        Map<String, String> unreachableBmc = Map.of("ip", "127.0.0.1", "ipport", "9", "username", "admin",
                "password", password, "lanplus", "1", "cipher", "3", "power_timeout", "2");
        assertEquals(FenceFailure.UNREACHABLE, fails(() -> ipmilan.status(unreachableBmc, TIMEOUT)));
        assertEquals(FenceFailure.INVALID_PARAMETERS,
                fails(() -> ipmilan.status(with(unreachableBmc, "password", password + privacyPassword), TIMEOUT)));
        messages.add(new FenceAgentDevice(echo, secrets).toString());
        messages.add(new FenceAgentDevice(echo, secrets).name());
        messages.add(echo.describe(secrets));
        messages.add(echo.toString());

        assertTrue(messages.get(0).contains("agent said: Failed: got action=off"), messages.get(0));
        assertTrue(messages.get(0).contains("******"), messages.get(0));
        for (String message : messages) {
            assertNoSecret(message);
        }
        List<String> logLines = LogFile.lines();
        assertTrue(logLines.stream().anyMatch(line -> line.contains("fence_echo_sleepy") && line.contains("timed out")));
        assertTrue(logLines.stream().anyMatch(line -> line.contains("fence_ipmilan:127.0.0.1:9 status: device unreachable")));
        assertTrue(logLines.stream().anyMatch(line -> line.contains("password is longer than 20 bytes")));
        for (String line : logLines) {
            assertNoSecret(line);
        }
    }

    private FenceFailure fails(Executable action) {
        FenceAgentException e = assertThrows(FenceAgentException.class, action);
        messages.add(e.getMessage());
        messages.add(e.toString());
        return e.failure();
    }

    private void assertNoSecret(String text) {
        for (String secret : List.of(password, privacyPassword, credential)) {
            assertFalse(text.contains(secret), () -> "leaked a secret: " + text);
        }
    }

    private static Map<String, String> with(Map<String, String> parameters, String name, String value) {
        Map<String, String> copy = new HashMap<>(parameters);
        copy.put(name, value);
        return copy;
    }
}
