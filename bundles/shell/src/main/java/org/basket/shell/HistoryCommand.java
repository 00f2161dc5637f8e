package org.basket.shell;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.basket.api.cluster.ClusterService;
import org.basket.api.cluster.History;
import org.basket.shell.support.JsonCommand;
import org.basket.shell.view.HistoryView;

@Service
@Command(scope = "ha", name = "history", description = "The fencing and operation history, oldest first: each fence "
        + "of a host (by which device, or why it failed) and each action Basket ran (start, stop, migrate, monitor, "
        + "fence) with how it ended and how long it took.",
        detailedDescription = "On the leader, or a manager alone, from its journal (the last 10,000 fences and "
                + "operations); on a manager that does not lead, what the leader shared (the last 10 records of each "
                + "host). HOST keeps what is about that host (fenced, or an operation on it or migrating to it); "
                + "--resource keeps the operations on that resource; --limit keeps the newest N (default 30, at most "
                + "1000) and says how many older ones matched.")
public class HistoryCommand extends JsonCommand {
    static final String USAGE = "ha:history [HOST] [--resource R] [--limit N] [--json]";
    static final String[] COLUMNS = {"time", "host", "action", "outcome", "took", "detail"};

    @Reference
    ClusterService cluster;

    @Argument(index = 0, name = "host", description = "Only what is about this host", required = false)
    @Completion(HostCompleter.class)
    String host;

    @Option(name = "--resource", description = "Only the operations on this resource")
    @Completion(ResourceCompleter.class)
    String resource;

    @Option(name = "-n", aliases = "--limit", description = "How many of the newest entries to show (default 30, at "
            + "most 1000)")
    String limit;

    @Argument(index = 1, name = "flags", description = "--resource R, --limit N, --json written after the host",
            required = false, multiValued = true)
    @Completion(values = {"--resource", "--limit", "--json"}, value = StringsCompleter.class)
    List<String> after;

    @Override
    protected void run() {
        List<String> words = after == null ? new ArrayList<>() : new ArrayList<>(after);
        resource = TrailingValue.take(words, "--resource", resource);
        limit = TrailingValue.take(words, "--limit", limit);
        trailingFlags(words, USAGE, Map.of());
        History history = cluster.history(host, resource, limit());
        if (json) {
            printJson(HistoryView.map(history));
            return;
        }
        out.println("History from " + history.source() + ":");
        if (history.entries().isEmpty()) {
            out.println("  nothing recorded" + (host == null && resource == null ? "." : " that matches."));
        } else {
            printTable(HistoryView.rows(history).stream().map(HistoryCommand::shown).toList(), COLUMNS);
        }
        if (history.omitted() > 0) {
            out.println(history.omitted() + " older matching entr" + (history.omitted() == 1 ? "y" : "ies")
                    + " not shown (--limit)");
        }
    }

    private int limit() {
        if (limit == null) {
            return 30;
        }
        try {
            int n = Integer.parseInt(limit.trim());
            if (n >= 1 && n <= History.MAX_LIMIT) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new IllegalArgumentException("--limit must be a whole number from 1 to " + History.MAX_LIMIT + ", not '"
                + limit + "'");
    }

    /** A fence shows its device, an operation how long it took. */
    private static Map<String, Object> shown(Map<String, Object> row) {
        Map<String, Object> shown = new LinkedHashMap<>(row);
        boolean fence = "fence".equals(row.get("kind"));
        if (fence && !"".equals(row.get("device"))) {
            shown.put("action", row.get("action") + " by " + row.get("device"));
        }
        shown.put("took", fence ? "" : row.get("durationMs") + " ms");
        return shown;
    }
}
