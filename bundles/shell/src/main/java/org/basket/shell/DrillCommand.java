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
import org.basket.api.cluster.DrillPlan;
import org.basket.api.cluster.DrillReport;
import org.basket.api.cluster.SiteOverview;
import org.basket.api.cluster.Sites;
import org.basket.shell.support.JsonCommand;

@Service
@Command(scope = "ha", name = "drill", description = "A disaster-recovery rehearsal (non-transparent failover): the group "
        + "stops in order on its site, its grant moves, it starts in order on the other site, and every member is checked "
        + "running there (guest services healthy by their monitor, through the guest agent); reports each member's outage "
        + "(first stop -> running again). Prints the plan and the outage to expect first; --dry-run stops there. --back "
        + "drills to the group's home site. Refused, with the reason, when the other site lacks capacity or a constraint "
        + "would break.")
public class DrillCommand extends JsonCommand {
    static final String USAGE = "ha:drill <group> --to <site> [--dry-run] [--json] | ha:drill <group> --back [--dry-run]";

    @Reference
    Sites sites;

    @Argument(index = 0, name = "group", description = "The group (etc/org.basket.sites.cfg)", required = true)
    String group;

    @Option(name = "--to", description = "The site to move the group to")
    String to;

    @Option(name = "--dry-run", description = "Print the plan and the outage to expect, do nothing")
    boolean dryRun;

    @Option(name = "--back", description = "Drill to the group's home site")
    boolean back;

    @Argument(index = 1, name = "flags", description = "--to SITE, --dry-run, --back, --json written after the group",
            required = false, multiValued = true)
    @Completion(values = {"--to", "--dry-run", "--back", "--json"}, value = StringsCompleter.class)
    List<String> after;

    @Override
    protected void run() throws InterruptedException {
        List<String> words = after == null ? new ArrayList<>() : new ArrayList<>(after);
        to = TrailingValue.take(words, "--to", to);
        trailingFlags(words, USAGE, Map.of("--dry-run", () -> dryRun = true, "--back", () -> back = true));
        String target = target();
        DrillPlan plan = sites.planDrill(group, target);
        if (json && dryRun) {
            printJson(plan(plan));
            return;
        }
        if (!json) {
            out.println("Drill of " + plan.group() + " from site " + plan.from() + " to " + plan.to() + ":");
            plan.steps().forEach(step -> out.println("  " + step));
            out.println("Expected outage (" + plan.basis() + "):");
            printTable(outages(plan.expected()), "resource", "host", "outage");
        }
        if (dryRun) {
            return;
        }
        DrillReport report = sites.drill(group, target, line -> {
            if (!json) {
                out.println(line);
                out.flush();
            }
        });
        if (json) {
            printJson(report(report));
        } else {
            out.println("Measured outage (first stop -> running again; the group stopped in "
                    + seconds(report.stopped().toMillis()) + "):");
            printTable(outages(report.outages()), "resource", "host", "outage");
            out.println(report.completed() ? "Drill completed: " + group + " runs on " + target + "; longest outage "
                    + seconds(report.longest().toMillis()) + ". The way back: ha:drill " + group + " --to " + report.from()
                    : "DRILL INCOMPLETE: " + report.failure());
        }
        if (!report.completed()) {
            throw new IllegalStateException("drill of " + group + " incomplete: " + report.failure());
        }
    }

    private String target() {
        if (back) {
            String home = sites.overview().groups().stream().filter(g -> g.name().equals(group))
                    .map(SiteOverview.Group::home).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no group '" + group + "'"));
            if (to != null && !to.equals(home)) {
                throw new IllegalArgumentException("--back goes to " + group + "'s home site " + home + ", not " + to);
            }
            return home;
        }
        if (to == null || to.isEmpty()) {
            throw new IllegalArgumentException("where to? " + USAGE);
        }
        return to;
    }

    private static Map<String, Object> plan(DrillPlan plan) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("group", plan.group());
        json.put("from", plan.from());
        json.put("to", plan.to());
        json.put("steps", plan.steps());
        json.put("expected", outages(plan.expected()));
        json.put("basis", plan.basis());
        return json;
    }

    private static Map<String, Object> report(DrillReport report) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("group", report.group());
        json.put("from", report.from());
        json.put("to", report.to());
        json.put("completed", report.completed());
        json.put("failure", report.failure());
        json.put("started", report.started().toString());
        json.put("stoppedMs", report.stopped().toMillis());
        json.put("outages", outages(report.outages()));
        json.put("longestMs", report.longest().toMillis());
        return json;
    }

    private static List<Map<String, Object>> outages(List<DrillPlan.Outage> outages) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (DrillPlan.Outage outage : outages) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("resource", outage.resource());
            row.put("host", outage.host());
            row.put("outage", seconds(outage.outage().toMillis()));
            row.put("outageMs", outage.outage().toMillis());
            rows.add(row);
        }
        return rows;
    }

    private static String seconds(long millis) {
        return String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
