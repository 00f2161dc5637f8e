package org.basket.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.basket.api.cluster.ClusterService.Scope;
import org.basket.api.model.HostState;
import org.junit.jupiter.api.Test;

class MaintenanceCommandTest {
    private final FakeClusterService cluster = SnapshotBuilder.snapshot()
            .host("node1", HostState.ONLINE, 8, 16384).vm("db", 1, 1024).service();

    @Test
    void clusterHostAndResourceScopes() {
        assertTrue(run("on", null, null).startsWith("The cluster is in maintenance"));
        assertTrue(run("off", "node1", null).startsWith("Host node1 is out of maintenance"));
        assertTrue(run("on", null, "db").startsWith("Resource db is in maintenance"));
        assertEquals(List.of(new FakeClusterService.MaintenanceCall(Scope.CLUSTER, null, true),
                new FakeClusterService.MaintenanceCall(Scope.HOST, "node1", false),
                new FakeClusterService.MaintenanceCall(Scope.RESOURCE, "db", true)), cluster.maintenanceCalls);
    }

    @Test
    void statusWarnsLoudlyInClusterMaintenance() {
        run("on", null, null);
        assertTrue(TestShell.execute(new StatusCommand(), cluster, false).startsWith("MAINTENANCE MODE"));
    }

    @Test
    void badArgumentsAreRejectedBeforeAnythingChanges() {
        assertThrows(IllegalArgumentException.class, () -> run("maybe", null, null));
        assertThrows(IllegalArgumentException.class, () -> run("on", "node1", "db"));
        assertThrows(IllegalArgumentException.class, () -> run("on", "node9", null));
        assertEquals(List.of(), cluster.maintenanceCalls);
    }

    private String run(String mode, String host, String resource) {
        MaintenanceCommand command = new MaintenanceCommand();
        command.mode = mode;
        command.host = host;
        command.resource = resource;
        return TestShell.execute(command, cluster, false);
    }
}
