package org.basket.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.basket.api.cluster.ClusterEvent;

/**
 * The readable log of an engine scenario: the script's steps and the manager's typed events, in order,
 * each with its time since the manager started; the message texts are left out (they are for people,
 * the typed fields are the contract).
 */
final class ScenarioLog {
    /** A step of the script, told after the event whose sequence is {@code after}. */
    record Step(long after, Duration at, String command) {
    }

    private final Instant start;
    private final List<String> lines = new ArrayList<>();

    ScenarioLog(Instant start) {
        this.start = start;
    }

    /** The events and the steps, merged in order. */
    ScenarioLog add(List<ClusterEvent> events, List<Step> steps) {
        int next = 0;
        for (ClusterEvent event : events) {
            while (next < steps.size() && steps.get(next).after() < event.sequence()) {
                step(steps.get(next++));
            }
            lines.add(time(Duration.between(start, event.time())) + "  " + describe(event));
        }
        steps.subList(next, steps.size()).forEach(this::step);
        return this;
    }

    ScenarioLog line(String text) {
        lines.add(text);
        return this;
    }

    String text() {
        return String.join("\n", lines) + "\n";
    }

    private void step(Step step) {
        lines.add(time(step.at()) + "  > " + step.command());
    }

    static String describe(ClusterEvent event) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%-22s", event.kind().name()
                .toLowerCase(Locale.ROOT)));
        if (!event.host().isEmpty()) {
            text.append(" host=").append(event.host());
        }
        if (!event.resource().isEmpty()) {
            text.append(" resource=").append(event.resource());
        }
        if (!event.action().isEmpty()) {
            text.append(" action=\"").append(event.action()).append('"');
        }
        event.duration().ifPresent(d -> text.append(" took=").append(d.toMillis()).append("ms"));
        if (event.repeats() > 0) {
            text.append(" repeats=").append(event.repeats());
        }
        return text.toString().stripTrailing();
    }

    static String time(Duration at) {
        return String.format(Locale.ROOT, "%9.3fs", at.toNanos() / 1e9);
    }

    /**
     * The rule "no recovery before the fence": no resource that ran on a host which went silent is
     * started or moved elsewhere until that host is fenced (or confirmed off) or answers again. Returns
     * the breaches, as text.
     */
    static List<String> recoveriesBeforeTheFence(List<ClusterEvent> events) {
        Set<String> unaccounted = new HashSet<>();
        Map<String, String> hostOf = new HashMap<>();
        List<String> breaches = new ArrayList<>();
        for (ClusterEvent event : events) {
            switch (event.kind()) {
                case HOST_SUSPECT -> unaccounted.add(event.host());
                case HOST_FENCED, HOST_BACK -> unaccounted.remove(event.host());
                case ACTION_DONE -> {
                    String[] words = event.action().split(" ");
                    if (words[0].equals("start") || words[0].equals("migrate")) {
                        String resource = words[1];
                        String to = words[words.length - 1];
                        String from = hostOf.get(resource);
                        if (from != null && !from.equals(to) && unaccounted.contains(from)) {
                            breaches.add(event.action() + " at " + event.time() + " while " + from
                                    + " was neither fenced nor answering");
                        }
                        hostOf.put(resource, to);
                    } else if (words[0].equals("stop")) {
                        hostOf.remove(words[1]);
                    }
                }
                default -> { }
            }
        }
        return breaches;
    }
}
