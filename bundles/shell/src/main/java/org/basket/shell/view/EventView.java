package org.basket.shell.view;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.basket.api.cluster.ClusterEvent;
import org.basket.api.cluster.EventKind;

/** An event as JSON fields, and event kinds by their written names. */
public final class EventView {
    private EventView() {
    }

    /** An event kind written as in ha:events --kind ({@code fence_failed}, {@code fence-failed}). */
    public static EventKind kind(String name) {
        try {
            return EventKind.valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown event kind '" + name + "' (kinds: " + List.of(EventKind.values())
                    .stream().map(k -> k.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")) + ")");
        }
    }

    public static Map<String, Object> map(ClusterEvent event) {
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
