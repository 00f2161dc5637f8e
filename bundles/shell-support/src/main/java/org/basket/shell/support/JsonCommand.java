package org.basket.shell.support;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.support.table.ShellTable;

/** A command whose output is a report: a table or, with {@code -j/--json}, JSON. */
public abstract class JsonCommand extends HaCommand {

    @Option(name = "-j", aliases = "--json", description = "Print JSON instead of a table")
    protected boolean json;

    @Override
    Map<String, Runnable> commonTrailingFlags() {
        return Map.of("-j", () -> json = true, "--json", () -> json = true);
    }

    protected final void printJson(Object value) {
        out.println(Json.write(value));
    }

    /** One row per map; a map cell prints as {@code k=v, ...}, a collection as {@code a,b}. */
    protected final void printTable(List<Map<String, Object>> rows, String... columns) {
        ShellTable table = new ShellTable();
        for (String column : columns) {
            table.column(column);
        }
        for (Map<String, Object> row : rows) {
            table.addRow().addContent(Arrays.stream(columns).map(c -> cell(row.get(c))).toArray());
        }
        table.print(out, true);
    }

    private static Object cell(Object value) {
        if (value instanceof Map<?, ?> map) {
            return map.isEmpty() ? "" : map.toString().replaceAll("[{}]", "");
        }
        if (value instanceof Collection<?> list) {
            return String.join(",", list.stream().map(String::valueOf).toList());
        }
        return value == null ? "" : value;
    }
}
