package org.basket.shell.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class HaCommandTest {

    static final class Report extends JsonCommand {
        List<String> words = List.of();
        boolean wide;

        @Override
        protected void run() {
            trailingFlags(words, "ha:report [--wide] [--json]", Map.of("--wide", () -> wide = true));
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("host", "node1");
            row.put("labels", Map.of("rack", "r1"));
            row.put("vms", List.of("web", "db"));
            row.put("note", null);
            if (json) {
                printJson(List.of(row));
            } else {
                printTable(List.of(row), wide ? new String[] {"host", "labels", "vms", "note"} : new String[] {"host"});
            }
        }
    }

    static final class Action extends HaCommand {
        final List<String> done = new ArrayList<>();

        @Override
        protected void run() {
            done.add("ran");
            out.println("done");
        }
    }

    @Test
    void aReportPrintsATableOrWithJsonTheSameRows() throws Exception {
        assertEquals("host\n-----\nnode1\n", CommandRunner.run(new Report(), Map.of()));
        assertTrue(CommandRunner.run(new Report(), Map.of("words", List.of("--wide"))).lines()
                .anyMatch(line -> line.matches("node1\\W+rack=r1\\W+web,db\\W*")));
        assertEquals("[{\"host\":\"node1\",\"labels\":{\"rack\":\"r1\"},\"vms\":[\"web\",\"db\"],\"note\":null}]\n",
                CommandRunner.run(new Report(), Map.of("json", true)));
    }

    @Test
    void jsonAndTheCommandsOwnFlagsMayFollowTheArguments() throws Exception {
        Report report = new Report();

        String output = CommandRunner.run(report, Map.of("words", List.of("--wide", "--json")));

        assertEquals(true, report.wide);
        assertEquals(true, report.json);
        assertEquals('[', output.charAt(0));
    }

    @Test
    void anUnknownTrailingWordIsRefusedWithTheUsage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CommandRunner.run(new Report(), Map.of("words", List.of("--fast"))));

        assertEquals("unexpected '--fast': ha:report [--wide] [--json]", e.getMessage());
    }

    @Test
    void aCommandWithoutReportHasNoJsonOption() throws Exception {
        Action action = new Action();

        assertEquals("done\n", CommandRunner.run(action, Map.of()));
        assertEquals(List.of("ran"), action.done);
        assertThrows(AssertionError.class, () -> CommandRunner.run(new Action(), Map.of("json", true)));
    }
}
