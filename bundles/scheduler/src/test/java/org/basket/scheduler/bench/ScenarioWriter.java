package org.basket.scheduler.bench;

import java.io.IOException;
import java.io.Writer;
import java.util.Locale;
import java.util.Map;

import org.basket.api.model.Capacity;
import org.basket.api.model.ClusterConfig;
import org.basket.api.model.ClusterState;
import org.basket.api.model.Constraint;
import org.basket.api.model.Host;
import org.basket.api.model.HostStatus;
import org.basket.api.model.Resource;
import org.basket.api.model.ResourceKind;
import org.basket.api.model.ResourceStatus;
import org.basket.api.model.Score;

/**
 * Writes a configuration and an observed state as a scenario {@code input.yaml} (the format of
 * {@code src/test/resources/scenarios/README.md}), for names made of letters, digits and dashes. Guest services'
 * container constraints are implied by their {@code container} and not written.
 */
public final class ScenarioWriter {
    private ScenarioWriter() {
    }

    public static void write(ClusterConfig config, ClusterState state, int stickiness, String description, Writer out)
            throws IOException {
        out.write("description: " + description + "\n");
        out.write("stickiness: " + stickiness + "\n");
        out.write("hosts:\n");
        for (HostStatus status : state.hosts().values()) {
            Host host = config.hosts().get(status.name());
            StringBuilder line = new StringBuilder("  " + status.name() + ": {state: "
                    + status.state().name().toLowerCase(Locale.ROOT) + ", capacity: " + capacity(status.capacity()));
            if (host != null) {
                line.append(", driver: ").append(host.driver());
                if (!host.attributes().isEmpty()) {
                    line.append(", attributes: {");
                    String sep = "";
                    for (Map.Entry<String, String> a : host.attributes().entrySet()) {
                        line.append(sep).append(a.getKey()).append(": ").append(a.getValue());
                        sep = ", ";
                    }
                    line.append('}');
                }
            } else {
                line.append(", configured: false");
            }
            if (!status.probed()) {
                line.append(", probed: false");
            }
            out.write(line.append("}\n").toString());
        }
        out.write("resources:\n");
        for (Resource r : config.resources().values()) {
            StringBuilder line = new StringBuilder("  " + r.name() + ": {");
            if (r.hasContainer()) {
                line.append("container: ").append(r.container());
            } else {
                line.append("kind: ").append(r.kind() == ResourceKind.HOST_SERVICE ? "host-service" : "vm");
            }
            line.append(", demand: ").append(capacity(r.demand()));
            line.append(", migratable: ").append(r.migratable());
            line.append(", priority: ").append(r.priority());
            if (!r.enabled()) {
                line.append(", enabled: false");
            }
            if (r.migrationThreshold() != 3) {
                line.append(", migration-threshold: ").append(r.migrationThreshold());
            }
            out.write(line.append("}\n").toString());
        }
        out.write("constraints:\n");
        for (Constraint c : config.constraints()) {
            if (c instanceof Constraint.Location l) {
                out.write("  " + l.name() + ": {location: " + l.resource() + ", host: " + l.host() + ", score: "
                        + Score.format(l.score()) + "}\n");
            } else if (c instanceof Constraint.Colocation co) {
                out.write("  " + co.name() + ": {colocation: " + co.resource() + ", with: " + co.with() + ", score: "
                        + Score.format(co.score()) + "}\n");
            } else if (c instanceof Constraint.Order o) {
                out.write("  " + o.name() + ": {order: " + o.first() + ", then: " + o.then() + ", mandatory: "
                        + o.mandatory() + "}\n");
            }
        }
        out.write("observed:\n");
        for (ResourceStatus s : state.resources().values()) {
            if (s.activeOn().isEmpty() && s.failedOn().isEmpty() && s.failCounts().isEmpty()) {
                continue;
            }
            StringBuilder line = new StringBuilder("  " + s.name() + ": {");
            String sep = "";
            if (!s.activeOn().isEmpty()) {
                line.append("active: ").append(s.activeOn().size() == 1 ? s.activeOn().get(0)
                        : "[" + String.join(", ", s.activeOn()) + "]");
                sep = ", ";
            }
            if (!s.failedOn().isEmpty()) {
                line.append(sep).append("failed-on: ").append(s.failedOn());
                sep = ", ";
            }
            if (!s.failCounts().isEmpty()) {
                line.append(sep).append("fail-counts: {");
                String inner = "";
                for (Map.Entry<String, Integer> f : s.failCounts().entrySet()) {
                    line.append(inner).append(f.getKey()).append(": ").append(f.getValue());
                    inner = ", ";
                }
                line.append('}');
            }
            out.write(line.append("}\n").toString());
        }
    }

    private static String capacity(Capacity c) {
        return c.cpus() + " CPU / " + c.memoryMb() + " MB";
    }
}
