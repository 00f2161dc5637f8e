package org.basket.shell;

import static org.basket.shell.SnapshotBuilder.snapshot;
import static org.basket.shell.TestShell.NL;
import static org.basket.shell.TestShell.execute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.TreeMap;

import org.basket.api.cluster.SimulationEvent;
import org.basket.api.cluster.SimulationResult;
import org.basket.api.model.HostState;
import org.basket.api.plan.Action;
import org.basket.api.plan.Ordering;
import org.basket.api.plan.Transition;
import org.junit.jupiter.api.Test;

class SimulateCommandTest {
    private final FakeClusterService cluster = snapshot()
            .host("node1", HostState.ONLINE, 8, 16384)
            .host("node2", HostState.ONLINE, 8, 16384)
            .host("node3", HostState.ONLINE, 8, 16384)
            .vm("db", 2, 4096).running("db", "node2")
            .vm("web", 1, 1024).running("web", "node1")
            .service();

    {
        Action fence = new Action.Fence("node2");
        Action startDb = new Action.Start("db", "node1");
        TreeMap<String, String> before = new TreeMap<>();
        before.put("db", "node2");
        before.put("test", "");
        before.put("web", "node1");
        TreeMap<String, String> after = new TreeMap<>();
        after.put("db", "node1");
        after.put("test", "node3");
        after.put("web", "node1");
        cluster.simulation = new SimulationResult(List.of(new SimulationEvent.HostFails("node2"),
                new SimulationEvent.AddVm("test", 2, 4096)), before, after,
                new Transition(List.of(fence, startDb, new Action.Start("test", "node3")),
                        List.of(new Ordering(fence, startDb)), List.of("node2: unclean, fence before recovering its resources")));
    }

    private static SimulateCommand simulate(String... events) {
        SimulateCommand command = new SimulateCommand();
        command.events = List.of(events);
        return command;
    }

    @Test
    void printsThePlannedActionsAndThePlacementChanges() {
        String out = execute(simulate("fail:node2", "add-vm:test:2:4096"), cluster, false);
        List<String> lines = TestShell.lines(out);

        assertEquals(List.of(List.of(new SimulationEvent.HostFails("node2"), new SimulationEvent.AddVm("test", 2, 4096))),
                cluster.simulateCalls);
        assertEquals(List.of(
                "After fail:node2, add-vm:test:2:4096:",
                "Planned actions:",
                "  fence node2",
                "  start db on node1",
                "  start test on node3",
                "",
                "Placement changes:"), lines.subList(0, 7));
        assertTrue(lines.get(7).matches("resource\\W+now\\W+planned\\s*"), out);
        assertTrue(lines.stream().anyMatch(l -> l.matches("db\\W+node2\\W+node1\\s*")), out);
        assertTrue(lines.stream().anyMatch(l -> l.matches("test\\W+node3\\s*")), out);
        assertTrue(lines.stream().noneMatch(l -> l.startsWith("web")), "web does not move: " + out);
        assertTrue(out.endsWith("Notes:" + NL + "  node2: unclean, fence before recovering its resources" + NL), out);
    }

    @Test
    void printsJson() {
        assertEquals("{\"events\":[\"fail:node2\",\"add-vm:test:2:4096\"],"
                + "\"actions\":[\"fence node2\",\"start db on node1\",\"start test on node3\"],"
                + "\"before\":{\"db\":\"node2\",\"test\":\"\",\"web\":\"node1\"},"
                + "\"after\":{\"db\":\"node1\",\"test\":\"node3\",\"web\":\"node1\"},"
                + "\"changed\":[\"db\",\"test\"],"
                + "\"notes\":[\"node2: unclean, fence before recovering its resources\"]}" + NL,
                execute(simulate("fail:node2", "add-vm:test:2:4096"), cluster, true));
    }

    @Test
    void aMalformedEventIsRejectedBeforeAnythingIsAsked() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> execute(simulate("fail:node2", "crash:node3"), cluster, false));
        assertEquals("malformed event 'crash:node3': expected " + SimulationEvent.FORMS, e.getMessage());
        assertEquals(List.of(), cluster.simulateCalls);
    }

    @Test
    void jsonMayFollowTheEvents() {
        String out = execute(simulate("fail:node2", "add-vm:test:2:4096", "--json"), cluster, false);

        assertEquals(List.of(List.of(new SimulationEvent.HostFails("node2"), new SimulationEvent.AddVm("test", 2, 4096))),
                cluster.simulateCalls);
        assertTrue(out.startsWith("{\"events\":[\"fail:node2\",\"add-vm:test:2:4096\"]"), out);
    }

    @Test
    void flagsAloneAreNoEvent() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> execute(simulate("--json"), cluster, false));
        assertEquals("no event: ha:simulate [--json] <event>... with events " + SimulationEvent.FORMS, e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> execute(simulate("fail:node2", "--fail"), cluster, false));
        assertEquals("unexpected '--fail': ha:simulate [--json] <event>... with events " + SimulationEvent.FORMS,
                e.getMessage());
    }

    @Test
    void anUnknownHostIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> execute(simulate("fail:node9"), cluster, false));
        assertEquals("fail:node9: unknown host 'node9' (configured: node1, node2, node3)", e.getMessage());
    }

    @Test
    void nothingToDoSaysSo() {
        cluster.simulation = new SimulationResult(List.of(new SimulationEvent.HostStandby("node3")),
                new TreeMap<>(), new TreeMap<>(), Transition.EMPTY);

        assertEquals("After standby:node3:" + NL + "  nothing to do." + NL,
                execute(simulate("standby:node3"), cluster, false));
    }
}
