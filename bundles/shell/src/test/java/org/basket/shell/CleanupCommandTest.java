package org.basket.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.basket.api.model.HostState;
import org.junit.jupiter.api.Test;

class CleanupCommandTest {
    private final FakeClusterService cluster = SnapshotBuilder.snapshot()
            .host("node1", HostState.ONLINE, 8, 16384).vm("db", 1, 1024).service();

    @Test
    void cleansTheResourceUpThroughTheService() {
        assertEquals("Resource db cleaned up: not blocked, fail counts cleared." + TestShell.NL, run("db"));
        assertEquals(List.of("db"), cluster.cleanedUp);
    }

    @Test
    void anUnknownResourceIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> run("web"));
        assertEquals("unknown resource 'web'", e.getMessage());
        assertEquals(List.of(), cluster.cleanedUp);
    }

    private String run(String resource) {
        CleanupCommand command = new CleanupCommand();
        command.resource = resource;
        return TestShell.execute(command, cluster, false);
    }
}
