package org.basket.shell;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.table.ShellTable;
import org.basket.api.cluster.ClusterService;

/**
 * Base of the ha: commands: the cluster service, {@code --json} and tables. Bad arguments throw
 * {@link IllegalArgumentException}, which the shell prints as one clear line.
 */
abstract class BasketCommand implements Action {

    @Reference
    ClusterService cluster;

    @Option(name = "-j", aliases = "--json", description = "Print JSON instead of a table")
    boolean json;

    @Reference
    Session session;

    PrintStream out;

    @Override
    public final Object execute() {
        out = session.getConsole();
        run();
        return null;
    }

    abstract void run();

    void printJson(Object value) {
        out.println(Json.write(value));
    }

    void printTable(List<Map<String, Object>> rows, String... columns) {
        ShellTable table = new ShellTable();
        for (String column : columns) {
            table.column(column);
        }
        for (Map<String, Object> row : rows) {
            table.addRow().addContent(java.util.Arrays.stream(columns).map(c -> format(row.get(c))).toArray());
        }
        table.print(out, true);
    }

    private static Object format(Object value) {
        if (value instanceof Map<?, ?> map) {
            return map.isEmpty() ? "" : map.toString().replaceAll("[{}]", "");
        }
        return value == null ? "" : value;
    }
}
