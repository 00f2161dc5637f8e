package org.basket.shell.view;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.basket.api.cluster.Explanation;
import org.basket.api.cluster.Impact;
import org.basket.api.cluster.ImpactEntry;
import org.basket.api.cluster.SimulationResult;
import org.basket.api.cluster.Tolerance;
import org.basket.api.model.Score;

/** Readable rows of the analyses (impact, explanation, tolerance, simulation), shared by tables and JSON. */
public final class AnalysisView {
    private AnalysisView() {
    }

    public static List<Map<String, Object>> entries(List<ImpactEntry> entries) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ImpactEntry entry : entries) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("resource", entry.resource());
            row.put("effect", entry.effect().label());
            row.put("from", entry.from());
            row.put("to", entry.to());
            row.put("services", entry.services());
            row.put("why", entry.reason());
            rows.add(row);
        }
        return rows;
    }

    public static Map<String, Object> impact(Impact impact) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("host", impact.host());
        map.put("mode", impact.fail() ? "fail" : "reboot");
        map.put("affected", entries(impact.affected()));
        map.put("knockOn", entries(impact.knockOn()));
        map.put("actions", strings(impact.transition().actions()));
        map.put("notes", impact.transition().notes());
        return map;
    }

    /** "2 live-migrate, 1 restart": the effects in their order, with counts. */
    public static String effects(List<ImpactEntry> entries) {
        Map<ImpactEntry.Effect, Long> counts = new java.util.EnumMap<>(ImpactEntry.Effect.class);
        entries.forEach(e -> counts.merge(e.effect(), 1L, Long::sum));
        return counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey().label())
                .collect(Collectors.joining(", "));
    }

    public static List<Map<String, Object>> scores(Explanation explanation) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Explanation.HostScore host : explanation.hosts()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("host", host.host());
            row.put("score", Score.format(host.score()));
            row.put("placed", host.resident());
            row.put("terms", host.terms().stream().map(AnalysisView::term).collect(Collectors.joining("; ")));
            rows.add(row);
        }
        return rows;
    }

    public static Map<String, Object> explanation(Explanation explanation) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("resource", explanation.resource());
        map.put("runsOn", explanation.runsOn());
        map.put("picked", explanation.picked());
        map.put("scoredAs", explanation.scoredAs());
        List<Map<String, Object>> hosts = new ArrayList<>();
        for (Explanation.HostScore host : explanation.hosts()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("host", host.host());
            row.put("score", host.score());
            row.put("placed", host.resident());
            List<Map<String, Object>> terms = new ArrayList<>();
            for (Explanation.Term term : host.terms()) {
                Map<String, Object> t = new LinkedHashMap<>();
                t.put("what", term.what());
                t.put("score", term.score());
                terms.add(t);
            }
            row.put("terms", terms);
            hosts.add(row);
        }
        map.put("hosts", hosts);
        map.put("placedBefore", explanation.placedBefore());
        map.put("notes", explanation.notes());
        return map;
    }

    /** "stickiness: runs here (+100)", "host is standby (-INFINITY)". */
    public static String term(Explanation.Term term) {
        String score = Score.format(term.score());
        return term.what() + " (" + (term.score() > 0 ? "+" : "") + score + ")";
    }

    public static List<Map<String, Object>> loads(Tolerance tolerance) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Tolerance.HostLoad load : tolerance.loads()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("host", load.host());
            row.put("load", load(load.load()));
            row.put("resources", String.join(",", load.resources()));
            row.put("cpus", load.demand().cpus());
            row.put("memoryMb", load.demand().memoryMb());
            rows.add(row);
        }
        return rows;
    }

    public static Map<String, Object> tolerance(Tolerance tolerance) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("minPriority", tolerance.minPriority());
        map.put("required", tolerance.required());
        map.put("hosts", tolerance.hosts());
        map.put("absorbed", tolerance.absorbed());
        map.put("breaking", tolerance.breaking());
        map.put("lost", tolerance.lost());
        map.put("bounded", tolerance.bounded());
        map.put("plans", tolerance.plans());
        List<Map<String, Object>> loads = new ArrayList<>();
        for (Tolerance.HostLoad load : tolerance.loads()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("host", load.host());
            row.put("load", Math.round(load.load() * 100) / 100.0);
            row.put("resources", load.resources());
            row.put("cpus", load.demand().cpus());
            row.put("memoryMb", load.demand().memoryMb());
            loads.add(row);
        }
        map.put("loads", loads);
        map.put("heaviest", tolerance.heaviest().map(Tolerance.HostLoad::host).orElse(""));
        return map;
    }

    /** A load with one decimal, whatever the locale. */
    public static String load(double load) {
        return String.format(java.util.Locale.ROOT, "%.1f", load);
    }

    public static List<Map<String, Object>> changes(SimulationResult result) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String resource : result.changed()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("resource", resource);
            row.put("now", result.before().getOrDefault(resource, ""));
            row.put("planned", result.after().get(resource).isEmpty() ? "(nowhere)" : result.after().get(resource));
            rows.add(row);
        }
        return rows;
    }

    public static Map<String, Object> simulation(SimulationResult result) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("events", strings(result.events()));
        map.put("actions", strings(result.transition().actions()));
        map.put("before", result.before());
        map.put("after", result.after());
        map.put("changed", result.changed());
        map.put("notes", result.transition().notes());
        return map;
    }

    public static List<String> strings(List<?> values) {
        return values.stream().map(Object::toString).toList();
    }
}
