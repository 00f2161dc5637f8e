package org.basket.fence.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.basket.api.fence.FenceDevice;
import org.basket.api.fence.FenceDeviceFactory;
import org.basket.api.fence.FenceException;
import org.basket.api.fence.PowerState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The standard fence agents as a fence method: which agents it serves, validation, devices that fence. */
class FenceAgentFactoryTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final FenceDeviceFactory factory = new FenceAgentFactory();

    @Test
    void servesEveryFenceAgentNameAndNothingElse() {
        assertTrue(factory.serves("fence_ipmilan"));
        assertTrue(factory.serves("fence_not_installed"), "a missing agent is this factory's to report");
        assertFalse(factory.serves("vcenter"));
        assertFalse(factory.serves("fence_IPMI"));
        assertFalse(factory.serves(null));
    }

    @Test
    void validateAndCreateNameTheBadParameter() {
        Map<String, String> typo = Map.of("type", "file", "statusfile", "/tmp/x");

        FenceException validated = assertThrows(FenceException.class, () -> factory.validate("fence_dummy", typo));
        FenceException created = assertThrows(FenceException.class, () -> factory.create("fence_dummy", typo, TIMEOUT));

        assertEquals("fence_dummy: unknown parameter 'statusfile'", validated.getMessage());
        assertEquals(validated.getMessage(), created.getMessage());
    }

    @Test
    void aCreatedDevicePowersTheHostOff(@TempDir Path directory) throws Exception {
        Path power = directory.resolve("power");
        Files.writeString(power, "on");
        Map<String, String> parameters = Map.of("type", "file", "status_file", power.toString());
        factory.validate("fence_dummy", parameters);

        FenceDevice device = factory.create("fence_dummy", parameters, TIMEOUT);
        device.powerOff();

        assertEquals("fence_dummy", device.name());
        assertEquals("off", Files.readString(power));
        assertEquals(PowerState.OFF, device.status());
    }

    @Test
    void aMissingAgentIsReportedAndFoundOnceInstalled(@TempDir Path directory) throws Exception {
        FenceDeviceFactory inEmptyDirectory = new FenceAgentFactory(List.of(directory));
        Map<String, String> parameters = Map.of("type", "file", "status_file", directory.resolve("power").toString());

        FenceException missing = assertThrows(FenceException.class,
                () -> inEmptyDirectory.create("fence_dummy", parameters, TIMEOUT));
        assertTrue(missing.getMessage().startsWith("fence agent fence_dummy not found in [" + directory + "]"),
                missing.getMessage());

        Files.createSymbolicLink(directory.resolve("fence_dummy"), Path.of("/usr/sbin/fence_dummy"));
        assertEquals("fence_dummy", inEmptyDirectory.create("fence_dummy", parameters, TIMEOUT).name());
    }
}
