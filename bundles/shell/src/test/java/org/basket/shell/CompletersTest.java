package org.basket.shell;

import static org.basket.shell.SnapshotBuilder.snapshot;
import static org.basket.shell.TestShell.commandLine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.apache.karaf.shell.api.console.Completer;
import org.basket.api.model.HostState;
import org.basket.shell.support.CommandRunner;
import org.junit.jupiter.api.Test;

class CompletersTest {
    private static final String STANDBY = "ha:host-standby";

    private final FakeClusterService cluster = snapshot()
            .host("node2", HostState.ONLINE, 8, 8192)
            .host("node1", HostState.STANDBY, 8, 8192)
            .host("nas", HostState.OFFLINE, 8, 8192)
            .host("backup", HostState.ONLINE, 8, 8192)
            .host("node3", HostState.UNMANAGED, 8, 8192)
            .vm("web", 1, 1024).vm("db", 1, 1024).vm("nodejs", 1, 1024)
            .service();

    private HostCompleter hosts() {
        HostCompleter completer = new HostCompleter();
        completer.cluster = cluster;
        return completer;
    }

    private ResourceCompleter resources() {
        ResourceCompleter completer = new ResourceCompleter();
        completer.cluster = cluster;
        return completer;
    }

    /**
     * Completes {@code prefix}; checks that a match replaces the whole typed word and that, as Karaf's
     * {@code StringsCompleter} does, each candidate ends with a space (the cursor moves on to the next
     * argument). Returns the names offered.
     */
    private static List<String> complete(Completer completer, String prefix) {
        List<String> candidates = new ArrayList<>();
        int at = completer.complete(CommandRunner.session(System.out), commandLine(STANDBY, prefix), candidates);
        assertEquals(candidates.isEmpty() ? -1 : STANDBY.length() + 1, at, "where the completion starts");
        candidates.forEach(c -> assertTrue(c.endsWith(" ") && !c.isBlank(), "candidate '" + c + "'"));
        return candidates.stream().map(String::stripTrailing).toList();
    }

    @Test
    void hostCompleterOffersEveryConfiguredHost() {
        assertEquals(List.of("backup", "nas", "node1", "node2", "node3"), complete(hosts(), ""));
    }

    @Test
    void hostCompleterOffersTheHostsStartingWithThePrefix() {
        assertEquals(List.of("node1", "node2", "node3"), complete(hosts(), "no"));
        assertEquals(List.of("node2"), complete(hosts(), "node2"));
        assertEquals(List.of(), complete(hosts(), "x"));
    }

    @Test
    void resourceCompleterOffersEveryConfiguredResource() {
        assertEquals(List.of("db", "nodejs", "web"), complete(resources(), ""));
        assertEquals(List.of("nodejs"), complete(resources(), "no"));
        assertEquals(List.of(), complete(resources(), "node1"));
    }

    /** Names are case-sensitive: two that differ only in case are two hosts and both are offered. */
    @Test
    void namesThatDifferOnlyInCaseAreBothOffered() {
        cluster.snapshot = snapshot().host("Node1", HostState.ONLINE, 8, 8192).host("node1", HostState.ONLINE, 8, 8192)
                .vm("Web", 1, 1024).vm("web", 1, 1024).build();
        assertEquals(List.of("Node1", "node1"), complete(hosts(), ""));
        assertEquals(List.of("node1"), complete(hosts(), "n"));
        assertEquals(List.of("Web", "web"), complete(resources(), ""));
    }

    @Test
    void simulationEventCompleterOffersEventsWithTheConfiguredNames() {
        SimulationEventCompleter completer = new SimulationEventCompleter();
        completer.cluster = cluster;
        assertEquals(List.of("fail:backup", "fail:nas", "fail:node1", "fail:node2", "fail:node3"),
                complete(completer, "fail:"));
        assertEquals(List.of("fail-resource:db", "fail-resource:nodejs", "fail-resource:web"),
                complete(completer, "fail-"));
        assertEquals(List.of("standby:node1", "standby:node2", "standby:node3"), complete(completer, "standby:no"));
    }

    @Test
    void nothingIsOfferedBeforeTheFirstConfiguration() {
        cluster.snapshot = snapshot().build();
        assertEquals(List.of(), complete(hosts(), ""));
        assertEquals(List.of(), complete(resources(), ""));
    }
}
