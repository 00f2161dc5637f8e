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
import org.basket.shell.view.EventView;

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
            printJson(events.stream().map(EventView::map).collect(Collectors.toList()));
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
            EventKind k = EventView.kind(kind);
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
}
