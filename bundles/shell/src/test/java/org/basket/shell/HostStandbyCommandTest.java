package org.basket.shell;

import static org.basket.shell.SnapshotBuilder.snapshot;
import static org.basket.shell.TestShell.NL;
import static org.basket.shell.TestShell.execute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.basket.api.model.HostState;
import org.basket.shell.FakeClusterService.StandbyCall;
import org.junit.jupiter.api.Test;

/** ha:host-standby and ha:host-online. */
class HostStandbyCommandTest {
    private final FakeClusterService cluster = snapshot()
            .host("node1", HostState.ONLINE, 8, 16384)
            .host("node2", HostState.STANDBY, 8, 16384)
            .service();

    private static HostStandbyCommand standby(String host) {
        HostStandbyCommand command = new HostStandbyCommand();
        command.host = host;
        return command;
    }

    private static HostOnlineCommand online(String host) {
        HostOnlineCommand command = new HostOnlineCommand();
        command.host = host;
        return command;
    }

    @Test
    void standbyDrainsTheHost() {
        String out = execute(standby("node1"), cluster, false);
        assertEquals(List.of(new StandbyCall("node1", true)), cluster.standbyCalls);
        assertEquals("Host node1 is in standby; its resources are moving away (follow with ha:progress)." + NL, out);
    }

    @Test
    void onlineTakesTheHostOutOfStandby() {
        String out = execute(online("node2"), cluster, false);
        assertEquals(List.of(new StandbyCall("node2", false)), cluster.standbyCalls);
        assertEquals("Host node2 is online." + NL, out);
    }

    @Test
    void anUnknownHostIsRejectedAndNothingIsPrinted() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> execute(standby("node9"), cluster, false));
        assertEquals("unknown host 'node9' (configured: node1, node2)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> execute(online("node9"), cluster, false));
        assertEquals("unknown host 'node9' (configured: node1, node2)", e.getMessage());
        assertEquals(List.of(), cluster.standbyCalls);
    }
}
