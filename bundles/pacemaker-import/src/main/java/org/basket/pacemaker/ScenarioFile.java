package org.basket.pacemaker;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.basket.api.model.Capacity;
import org.basket.api.model.Constraint;
import org.basket.api.model.Host;
import org.basket.api.model.HostStatus;
import org.basket.api.model.Resource;
import org.basket.api.model.ResourceKind;
import org.basket.api.model.ResourceStatus;
import org.basket.api.model.Score;

/**
 * An import as a scheduler scenario {@code input.yaml} (the format of the scheduler's
 * {@code src/test/resources/scenarios/README.md}): the configuration, and the CIB's status as the observed state
 * (host states, what runs and failed where, fail counts and their times), planned at the CIB's execution date.
 */
public final class ScenarioFile {
    private ScenarioFile() {
    }

    public static String of(CibImport cib, String description) {
        StringBuilder b = new StringBuilder();
        b.append("description: ").append(quote(description)).append('\n');
        b.append("stickiness: ").append(cib.stickiness()).append('\n');
        cib.now().ifPresent(now -> b.append("now: ").append(now).append('\n'));
        b.append("hosts:\n");
        for (HostStatus s : cib.state().hosts().values()) {
            Host h = cib.config().hosts().get(s.name());
            b.append("  ").append(quote(s.name())).append(": {state: ").append(s.state().name().toLowerCase(Locale.ROOT))
                    .append(", capacity: ").append(capacity(s.capacity())).append(", driver: ").append(h.driver());
            if (!h.attributes().isEmpty()) {
                b.append(", attributes: {").append(h.attributes().entrySet().stream()
                        .map(e -> quote(e.getKey()) + ": " + quote(e.getValue())).collect(Collectors.joining(", ")))
                        .append('}');
            }
            b.append("}\n");
        }
        b.append("resources:\n");
        for (Resource r : cib.config().resources().values()) {
            b.append("  ").append(quote(r.name())).append(": {kind: ")
                    .append(r.kind() == ResourceKind.HOST_SERVICE ? "host-service" : "vm")
                    .append(", demand: ").append(cib.utilization() ? capacity(r.demand()) : capacity(Capacity.NONE))
                    .append(", migratable: ").append(r.migratable()).append(", priority: ").append(r.priority())
                    .append(", enabled: ").append(r.enabled()).append(", migration-threshold: ")
                    .append(r.migrationThreshold());
            if (r.hasFailureTimeout()) {
                b.append(", failure-timeout: ").append(r.failureTimeout().toSeconds());
            }
            if (r.rank() != 0) {
                b.append(", rank: ").append(r.rank());
            }
            if (r.hasOwnStickiness()) {
                b.append(", stickiness: ").append(r.stickiness());
            }
            b.append("}\n");
        }
        b.append("constraints:\n");
        for (Constraint c : cib.config().constraints()) {
            String line = constraint(c);
            if (line != null) {
                b.append("  ").append(quote(c.name())).append(": ").append(line).append('\n');
            }
        }
        b.append("observed:\n");
        for (ResourceStatus s : cib.state().resources().values()) {
            if (s.activeOn().isEmpty() && s.failedOn().isEmpty() && s.failCounts().isEmpty()) {
                continue;
            }
            b.append("  ").append(quote(s.name())).append(": {");
            String sep = "";
            if (!s.activeOn().isEmpty()) {
                b.append("active: ").append(list(s.activeOn()));
                sep = ", ";
            }
            if (!s.failedOn().isEmpty()) {
                b.append(sep).append("failed-on: ").append(quote(s.failedOn()));
                sep = ", ";
            }
            if (!s.failCounts().isEmpty()) {
                b.append(sep).append("fail-counts: {").append(s.failCounts().entrySet().stream()
                        .map(e -> quote(e.getKey()) + ": " + e.getValue()).collect(Collectors.joining(", "))).append('}');
                sep = ", ";
            }
            if (!s.lastFailures().isEmpty()) {
                b.append(sep).append("last-failure: {").append(s.lastFailures().entrySet().stream()
                        .map(e -> quote(e.getKey()) + ": " + e.getValue()).collect(Collectors.joining(", ")))
                        .append('}');
            }
            b.append("}\n");
        }
        return b.toString();
    }

    private static String constraint(Constraint c) {
        if (c instanceof Constraint.Location l) {
            return "{location: " + quote(l.resource()) + ", host: " + quote(l.host()) + ", score: "
                    + Score.format(l.score()) + "}";
        }
        if (c instanceof Constraint.LocationRule l) {
            return "{location-rule: " + quote(l.resource()) + ", attribute: " + quote(l.attribute()) + ", operation: "
                    + l.operation().word() + (l.operation().takesValue() ? ", value: " + quote(l.value()) : "")
                    + ", score: " + Score.format(l.score()) + "}";
        }
        if (c instanceof Constraint.Colocation co) {
            return "{colocation: " + quote(co.resource()) + ", with: " + quote(co.with()) + ", score: "
                    + Score.format(co.score()) + "}";
        }
        if (c instanceof Constraint.ColocationSet s) {
            return "{colocation-set: " + list(s.members()) + ", score: " + Score.format(s.score()) + "}";
        }
        if (c instanceof Constraint.Order o) {
            return "{order: " + quote(o.first()) + ", then: " + quote(o.then()) + ", mandatory: " + o.mandatory() + "}";
        }
        return null;
    }

    private static String list(List<String> names) {
        return "[" + names.stream().map(ScenarioFile::quote).collect(Collectors.joining(", ")) + "]";
    }

    private static String capacity(Capacity c) {
        return c.cpus() + " CPU / " + c.memoryMb() + " MB";
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
