package org.basket.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.basket.api.plan.Action;
import org.basket.api.plan.Ordering;
import org.basket.api.plan.Transition;
import org.basket.testsupport.LineDiff;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

/** The scenario runner's own checks: input mistakes name the file and the key; orderings are enforced. */
class ScenarioRunnerTest {
    @TempDir
    Path dir;

    private String error(String yaml) throws IOException {
        Path input = dir.resolve("input.yaml");
        Files.writeString(input, yaml);
        return assertThrows(ScenarioReader.InputException.class,
                () -> ScenarioReader.read(input, "scenarios/x/input.yaml")).getMessage();
    }

    @Test
    void inputMistakesNameTheFileAndTheKey() throws IOException {
        String hosts = "description: d\nhosts:\n  node1:\n";
        assertEquals("scenarios/x/input.yaml: hosts.node1.stat: unknown key (known: attributes, capacity, configured,"
                + " driver, probed, reason, reported, state)", error("description: d\nhosts:\n  node1: {stat: online}\n"));
        assertEquals("scenarios/x/input.yaml: hosts.node1.state: 'up' is not a host state (online, standby, maintenance,"
                + " suspect, offline, unclean, unmanaged)", error("description: d\nhosts:\n  node1: {state: up}\n"));
        assertEquals("scenarios/x/input.yaml: resources.vm1.demand: '2 cores' is not a capacity like '2 CPU / 4 GB'"
                + " or '2 CPU / 512 MB'", error(hosts + "resources:\n  vm1: {demand: 2 cores}\n"));
        assertEquals("scenarios/x/input.yaml: constraints.c.score: not a score: 'lots' (an integer, INFINITY or -INFINITY)",
                error(hosts + "constraints:\n  c: {location: vm1, host: node1, score: lots}\n"));
        assertEquals("scenarios/x/input.yaml: constraints.c.then: does not belong to a location constraint"
                + " (keys: host, location, score)",
                error(hosts + "constraints:\n  c: {location: vm1, host: node1, score: 1, then: x}\n"));
        assertEquals("scenarios/x/input.yaml: observed.vm1.active[1]: host 'node9' is not listed under hosts",
                error(hosts + "observed:\n  vm1: {active: [node1, node9]}\n"));
        assertEquals("scenarios/x/input.yaml: resources.vm1.migratable: expected true or false, found 'maybe'",
                error(hosts + "resources:\n  vm1: {migratable: maybe}\n"));
        assertEquals("scenarios/x/input.yaml: description: is required: say what the case shows",
                error("description: ''\nhosts:\n  node1:\n"));
        assertEquals("scenarios/x/input.yaml: not valid YAML at line 1, column 15: mapping values are not allowed here"
                + " (quote a text with ': ')", error("description: a: b\nhosts:\n  node1:\n"));
    }

    @Test
    void anActionSequenceThatBreaksAnOrderingIsRejected() {
        Action stop = new Action.Stop("a", "node1");
        Action start = new Action.Start("b", "node1");
        Transition broken = new Transition(List.of(start, stop), List.of(new Ordering(stop, start)), List.of());

        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> ScenarioTest.assertRespectsOrderings(broken));
        assertEquals("the action sequence [start b on node1, stop a on node1] breaks [stop a on node1 -> start b on node1]",
                e.getMessage());
    }

    @Test
    void theDiffShowsChangedLinesWithContext() {
        String expected = "a\nb\nc\nd\ne\nf\ng\n";
        String actual = "a\nb\nc\nD\ne\nf\ng\n";

        assertEquals("  b\n  c\n- d\n+ D\n  e\n  f\n", LineDiff.diff(expected, actual));
    }
}
