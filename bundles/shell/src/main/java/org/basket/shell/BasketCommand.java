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

    /**
     * Karaf reads options only before the first argument, so a flag written after the arguments (as in
     * {@code ha:impact node2 --fail}) arrives as an argument. Applies {@code -j}/{@code --json} and the command's own
     * flags from {@code words}; anything else is rejected with the usage.
     *
     * @param flags the command's own flags that may follow its arguments, each with what it sets
     */
    void trailingFlags(List<String> words, String usage, Map<String, Runnable> flags) {
        for (String word : words == null ? List.<String>of() : words) {
            if (word.equals("-j") || word.equals("--json")) {
                json = true;
            } else if (flags.containsKey(word)) {
                flags.get(word).run();
            } else {
                throw new IllegalArgumentException("unexpected '" + word + "': " + usage);
            }
        }
    }

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
        if (value instanceof java.util.Collection<?> list) {
            return String.join(",", list.stream().map(String::valueOf).toList());
        }
        return value == null ? "" : value;
    }
}
