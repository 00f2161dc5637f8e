package org.basket.shell;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.basket.api.cluster.ClusterEvent;
import org.basket.api.cluster.ClusterService;
import org.basket.api.cluster.EventKind;
import org.basket.shell.support.JsonCommand;

@Service
@Command(scope = "ha", name = "events", description = "Lists the most recent cluster events, oldest first.",
        detailedDescription = "Each event has a kind and names the host, resource and action it is about; --kind, "
                + "--host and --resource keep only the events that match (all of the ones given), among the events "
                + "Basket holds (the last 2,000).")
public class EventsCommand extends JsonCommand {

    @Reference
    ClusterService cluster;
    /** How many events Basket holds: filters look at all of them. */
    static final int HELD = 2000;

    @Option(name = "-n", aliases = "--count", description = "How many events to show (default 30)")
    int count = 30;

    @Option(name = "-k", aliases = "--kind", description = "Only events of this kind (host_suspect, fence_failed, "
            + "action_done, config_rejected, ...)")
    String kind;

    @Option(name = "--host", description = "Only events about this host")
    @Completion(HostCompleter.class)
    String host;

    @Option(name = "--resource", description = "Only events about this resource")
    @Completion(ResourceCompleter.class)
    String resource;

    @Override
    protected void run() {
        if (count < 1) {
            throw new IllegalArgumentException("--count must be at least 1, not " + count);
        }
        Predicate<ClusterEvent> wanted = filter();
        List<ClusterEvent> events = filtered() ? cluster.events(HELD) : cluster.events(count);
        events = events.stream().filter(wanted).collect(Collectors.toList());
        events = events.subList(Math.max(0, events.size() - count), events.size());
        if (json) {
            printJson(events.stream().map(EventsCommand::toMap).collect(Collectors.toList()));
        } else {
            events.forEach(e -> out.println(e.time() + " " + e.severity() + " " + e.message()));
        }
    }

    private boolean filtered() {
        return kind != null || host != null || resource != null;
    }

    private Predicate<ClusterEvent> filter() {
        Predicate<ClusterEvent> wanted = e -> true;
        if (kind != null) {
            EventKind k = kind(kind);
            wanted = wanted.and(e -> e.kind() == k);
        }
        if (host != null) {
            wanted = wanted.and(e -> e.host().equals(host));
        }
        if (resource != null) {
            wanted = wanted.and(e -> e.resource().equals(resource));
        }
        return wanted;
    }

    private static EventKind kind(String name) {
        try {
            return EventKind.valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown event kind '" + name + "' (kinds: " + List.of(EventKind.values())
                    .stream().map(k -> k.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")) + ")");
        }
    }

    private static Map<String, Object> toMap(ClusterEvent event) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("sequence", event.sequence());
        map.put("time", event.time().toString());
        map.put("severity", event.severity().name());
        map.put("kind", event.kind().name().toLowerCase(Locale.ROOT));
        putIfAny(map, "host", event.host());
        putIfAny(map, "resource", event.resource());
        putIfAny(map, "action", event.action());
        event.duration().ifPresent(d -> map.put("durationMs", d.toMillis()));
        if (event.repeats() > 0) {
            map.put("repeats", event.repeats());
        }
        map.put("message", event.message());
        return map;
    }

    private static void putIfAny(Map<String, Object> map, String key, String value) {
        if (!value.isEmpty()) {
            map.put(key, value);
        }
    }
}
