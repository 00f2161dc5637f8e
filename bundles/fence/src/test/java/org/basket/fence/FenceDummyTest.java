package org.basket.fence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.basket.api.fence.PowerState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fence_dummy with type=file: the status file holds "on" or "off" (no newline) and the agent flips it. */
class FenceDummyTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path directory;

    private Path statusFile;
    private FenceAgent dummy;
    private Map<String, String> parameters;

    @BeforeEach
    void writeStatusFile() throws Exception {
        statusFile = directory.resolve("status");
        Files.writeString(statusFile, "on");
        dummy = FenceAgent.locate("fence_dummy");
        parameters = Map.of("type", "file", "status_file", statusFile.toString());
    }

    @Test
    void statusReadsTheStatusFile() throws Exception {
        FenceAgentDevice device = new FenceAgentDevice(dummy, parameters, TIMEOUT);
        assertEquals(PowerState.ON, device.status());

        Files.writeString(statusFile, "off");
        assertEquals(PowerState.OFF, device.status());
    }

    @Test
    void powerOffAndOnFlipTheStatusFile() throws Exception {
        FenceAgentDevice device = new FenceAgentDevice(dummy, parameters, TIMEOUT);

        device.powerOff();
        assertEquals("off", Files.readString(statusFile));
        assertEquals(PowerState.OFF, device.status());

        device.powerOn();
        assertEquals("on", Files.readString(statusFile));
        assertEquals(PowerState.ON, device.status());
    }

    @Test
    void rebootAndMonitorSucceed() throws Exception {
        dummy.run(FenceAction.REBOOT, parameters, TIMEOUT);
        dummy.run(FenceAction.MONITOR, parameters, TIMEOUT);
        assertEquals("on", Files.readString(statusFile));
    }

    @Test
    void unknownParameterIsRejectedBeforeTheAgentRuns() throws Exception {
        Map<String, String> withTypo = new HashMap<>(parameters);
        withTypo.put("status_fle", "/nowhere");

        FenceAgentException e = assertThrows(FenceAgentException.class, () -> dummy.status(withTypo, TIMEOUT));
        assertEquals(FenceFailure.INVALID_PARAMETERS, e.failure());
        assertEquals("fence_dummy: unknown parameter 'status_fle'", e.getMessage());
    }

    @Test
    void missingRequiredParameterIsRejected() {
        FenceAgentException e = assertThrows(FenceAgentException.class,
                () -> FenceAgent.locate("fence_apc").validate(Map.of("ip", "127.0.0.1", "username", "admin")));
        assertEquals(FenceFailure.INVALID_PARAMETERS, e.failure());
        assertEquals("fence_apc: missing required parameter 'plug' (or its alias 'port')", e.getMessage());
    }

    @Test
    void deviceNameIsAgentAndAddress() {
        assertEquals("fence_dummy", new FenceAgentDevice(dummy, parameters).name());
    }

    @Test
    void agentThatDoesNotExistIsReported() {
        FenceAgentException missing = assertThrows(FenceAgentException.class, () -> FenceAgent.locate("fence_no_such_agent"));
        assertEquals(FenceFailure.UNKNOWN_AGENT, missing.failure());
        assertTrue(missing.getMessage().startsWith("fence agent fence_no_such_agent not found in [/usr/sbin, /sbin, /usr/bin, /usr/local/sbin]"),
                missing.getMessage());

        FenceAgentException notInDirectory = assertThrows(FenceAgentException.class,
                () -> FenceAgent.locate("fence_dummy", List.of(directory)));
        assertTrue(notInDirectory.getMessage().contains("not found in [" + directory + "]"), notInDirectory.getMessage());
    }

    @Test
    void onlyFenceAgentNamesAreLocated() {
        for (String name : List.of("../../bin/sh", "fence_dummy; reboot", "Fence_dummy", "fence_", "sh")) {
            FenceAgentException e = assertThrows(FenceAgentException.class, () -> FenceAgent.locate(name));
            assertEquals(FenceFailure.UNKNOWN_AGENT, e.failure());
            assertTrue(e.getMessage().contains("is not a fence agent name"), e.getMessage());
        }
    }
}
