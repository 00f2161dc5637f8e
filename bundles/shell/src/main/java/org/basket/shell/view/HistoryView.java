package org.basket.shell.view;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.basket.api.cluster.History;

/** The fencing and operation history as rows: ha:history's table and JSON, and GET /history. */
public final class HistoryView {
    private HistoryView() {
    }

    /** Where it was read, how many older entries the limit left out, and the entries, oldest first. */
    public static Map<String, Object> map(History history) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("source", history.source());
        map.put("omitted", history.omitted());
        map.put("entries", rows(history));
        return map;
    }

    public static List<Map<String, Object>> rows(History history) {
        return history.entries().stream().map(HistoryView::row).toList();
    }

    private static Map<String, Object> row(History.Entry entry) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("time", entry.time().toString());
        row.put("kind", entry.kind().name().toLowerCase(Locale.ROOT));
        row.put("host", entry.host());
        row.put("resource", entry.resource());
        row.put("action", entry.action());
        row.put("device", entry.device());
        row.put("outcome", entry.outcome().name().toLowerCase(Locale.ROOT));
        row.put("durationMs", entry.duration().toMillis());
        row.put("detail", entry.detail());
        return row;
    }
}
