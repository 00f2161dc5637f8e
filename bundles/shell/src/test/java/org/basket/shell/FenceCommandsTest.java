package org.basket.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.basket.api.model.HostState;
import org.junit.jupiter.api.Test;

class FenceCommandsTest {
    private final FakeClusterService cluster = SnapshotBuilder.snapshot()
            .host("node1", HostState.UNCLEAN, 8, 16384).service();

    @Test
    void fenceReportsTheConfirmingDevice() {
        FenceCommand command = new FenceCommand();
        command.host = "node1";
        assertEquals("Host node1 is off, confirmed by fence_dummy:node1.", TestShell.execute(command, cluster, false).trim());
        assertEquals(List.of("node1"), cluster.fenced);
    }

    @Test
    void failedFencingSaysTheHostIsNotAssumedOff() {
        cluster.fenceFailure = "every fencing level failed for host node1: fence_ipmilan: unreachable";
        FenceCommand command = new FenceCommand();
        command.host = "node1";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TestShell.execute(command, cluster, false));
        assertTrue(e.getMessage().startsWith("fencing node1 failed; it is not assumed to be off: every fencing level"));
    }

    @Test
    void confirmationNeedsYesAndWarnsLoudly() {
        FenceConfirmCommand command = new FenceConfirmCommand();
        command.host = "node1";
        assertThrows(IllegalArgumentException.class, () -> TestShell.execute(command, cluster, false));
        assertEquals(List.of(), cluster.confirmed);
        command.yes = true;
        String out = TestShell.execute(command, cluster, false);
        assertTrue(out.startsWith("WARNING: confirming node1 as off without a fence device."), out);
        assertEquals(List.of("node1"), cluster.confirmed);
    }
}
