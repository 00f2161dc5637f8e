package org.basket.shell;

import static org.basket.shell.SnapshotBuilder.snapshot;
import static org.basket.shell.TestShell.NL;
import static org.basket.shell.TestShell.execute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.basket.api.model.HostState;
import org.junit.jupiter.api.Test;

class WhereCommandTest {

    private static FakeClusterService cluster() {
        return snapshot()
                .host("node1", HostState.ONLINE, 8, 16384)
                .host("node2", HostState.ONLINE, 8, 16384)
                .vm("db", 2, 4096).running("db", "node2")
                .vm("web", 1, 1024).running("web", "node1")
                .vm("batch", 1, 1024)
                .service();
    }

    private static WhereCommand where(String resource) {
        WhereCommand command = new WhereCommand();
        command.resource = resource;
        return command;
    }

    @Test
    void printsTheChain() {
        assertEquals("db -> node2" + NL, execute(where("db"), cluster(), false));
        assertEquals("batch -> (not running)" + NL, execute(where("batch"), cluster(), false));
    }

    @Test
    void printsTheChainAsJson() {
        assertEquals("{\"resource\":\"web\",\"chain\":[\"web\",\"node1\"]}" + NL, execute(where("web"), cluster(), true));
    }

    @Test
    void aBlockedVmIsBlockedOnItsHostNotNotRunning() {
        FakeClusterService cluster = snapshot()
                .host("node1", HostState.ONLINE, 8, 16384)
                .vm("db", 2, 4096).failed("db", "node1").blocked("db", "node1")
                .vm("web", 1, 1024).running("web", "node1").blocked("web", "node1")
                .service();
        assertEquals("db -> (blocked on node1)" + NL, execute(where("db"), cluster, false), "not seen running there");
        assertEquals("web -> node1 (blocked on node1)" + NL, execute(where("web"), cluster, false));
        assertEquals("{\"resource\":\"db\",\"chain\":[\"db\",\"(blocked on node1)\"]}" + NL,
                execute(where("db"), cluster, true));
    }

    @Test
    void anUnknownResourceIsRejectedWithTheConfiguredOnes() {
        FakeClusterService cluster = cluster();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> execute(where("nosuch"), cluster, false));
        assertEquals("unknown resource 'nosuch' (configured: batch, db, web)", e.getMessage());
    }

    @Test
    void aHostIsNotAResource() {
        assertThrows(IllegalArgumentException.class, () -> execute(where("node1"), cluster(), true));
    }
}
