package org.basket.shell;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.basket.api.cluster.ClusterEvent;

@Service
@Command(scope = "ha", name = "events", description = "Lists the most recent cluster events, oldest first.")
public class EventsCommand extends BasketCommand {

    @Option(name = "-n", aliases = "--count", description = "How many events to show (default 30)")
    int count = 30;

    @Override
    void run() {
        if (count < 1) {
            throw new IllegalArgumentException("--count must be at least 1, not " + count);
        }
        List<ClusterEvent> events = cluster.events(count);
        if (json) {
            printJson(events.stream().map(EventsCommand::toMap).collect(Collectors.toList()));
        } else {
            events.forEach(e -> out.println(e.time() + " " + e.severity() + " " + e.message()));
        }
    }

    private static Map<String, Object> toMap(ClusterEvent event) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("sequence", event.sequence());
        map.put("time", event.time().toString());
        map.put("severity", event.severity().name());
        map.put("message", event.message());
        return map;
    }
}
