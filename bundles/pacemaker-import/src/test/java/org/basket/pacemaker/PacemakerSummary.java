package org.basket.pacemaker;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The "Transition Summary" of a Pacemaker plan ({@code crm_simulate -S}), as changes per resource and fenced nodes.
 * A change marked blocked does not happen.
 */
record PacemakerSummary(Map<String, Change> changes, Set<String> fenced) {
    private static final Pattern CHANGE = Pattern.compile(
            "^\\s*\\* (Start|Stop|Move|Migrate|Recover|Restart|Promote|Demote|Re-promote|Reload)\\s+(\\S+)\\s+\\(\\s*"
                    + "(?:Promoted |Unpromoted )?\\s*(\\S+)(?:\\s*->\\s*(\\S+))?\\s*\\)(.*)$");
    private static final Pattern FENCE = Pattern.compile("^\\s*\\* Fence \\(\\w+\\) (\\S+)");

    static PacemakerSummary parse(List<String> lines, Set<String> ignored) {
        Map<String, Change> changes = new TreeMap<>();
        Set<String> fenced = new TreeSet<>();
        boolean in = false;
        for (String line : lines) {
            if (line.startsWith("Transition Summary")) {
                in = true;
                continue;
            }
            if (in && !line.isBlank() && !line.startsWith(" ")) {
                break;
            }
            if (!in) {
                continue;
            }
            Matcher f = FENCE.matcher(line);
            if (f.find()) {
                fenced.add(f.group(1));
                continue;
            }
            Matcher m = CHANGE.matcher(line);
            if (!m.find() || ignored.contains(m.group(2)) || m.group(5).contains("blocked")) {
                continue;
            }
            String a = m.group(3);
            String b = m.group(4);
            Change change = switch (m.group(1)) {
                case "Start" -> new Change("start", "", a);
                case "Stop" -> new Change("stop", a, "");
                case "Migrate" -> new Change("migrate", a, b);
                case "Move" -> new Change("move", a, b);
                case "Recover" -> b == null ? new Change("recover", a, a) : new Change("recover", a, b);
                case "Restart", "Reload" -> new Change("restart", a, a);
                default -> new Change(m.group(1).toLowerCase(java.util.Locale.ROOT), a, b == null ? a : b);
            };
            Change before = changes.get(m.group(2));
            if (before != null && before.kind().equals("stop") && change.kind().equals("stop")) {
                // a resource active on several nodes is stopped on each: one change naming every node
                java.util.TreeSet<String> hosts = new java.util.TreeSet<>(List.of(before.from().split(",")));
                hosts.add(change.from());
                change = new Change("stop", String.join(",", hosts), "");
            }
            changes.put(m.group(2), change);
        }
        return new PacemakerSummary(changes, fenced);
    }

    /** One resource's change: its kind and the hosts it leaves and takes (empty where none). */
    record Change(String kind, String from, String to) {
        @Override
        public String toString() {
            return kind + (from.isEmpty() ? "" : " " + from) + (to.isEmpty() || to.equals(from) ? ""
                    : (from.isEmpty() ? " " : " -> ") + to);
        }
    }
}
