package org.basket.northbound.snmp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.basket.api.cluster.ClusterEvent;
import org.basket.api.cluster.EventKind;
import org.junit.jupiter.api.Test;

/** Which typed event is which notification, in the order a host crash, a failed migration and the rest bring them. */
class EventTranslatorTest {
    private final EventTranslator translator = new EventTranslator(host -> Map.of("node3", List.of("app", "cache"))
            .getOrDefault(host, List.of()));
    private final List<String> told = new ArrayList<>();

    @Test
    void aCrashedHostIsLostThenFencedThenItsResourcesAreRecoveredOnceEach() {
        event(EventKind.HOST_SUSPECT, "node3", "", "");
        event(EventKind.HOST_DEAD, "node3", "", "");
        event(EventKind.PLAN_NOTE, "node3", "", "");
        event(EventKind.TRANSITION_STARTED, "", "", "");
        event(EventKind.HOST_FENCED, "node3", "", "");
        event(EventKind.ACTION_DONE, "node3", "", "fence node3");
        event(EventKind.ACTION_DONE, "node1", "app", "start app on node1");
        event(EventKind.ACTION_DONE, "node2", "cache", "start cache on node2");
        event(EventKind.ACTION_DONE, "node2", "db", "start db on node2");
        event(EventKind.ACTION_DONE, "node1", "app", "start app on node1");

        assertEquals(List.of("HOST_LOST node3", "HOST_FENCED node3", "RESOURCE_RECOVERED node1 app",
                "RESOURCE_RECOVERED node2 cache"), told);
    }

    @Test
    void aFailedResourceIsRecoveredByItsNextStartAndMigrationsAreDoneOrFailed() {
        event(EventKind.RESOURCE_FAILED, "node1", "web", "");
        event(EventKind.ACTION_DONE, "node1", "web", "stop web on node1");
        event(EventKind.ACTION_DONE, "node1", "web", "start web on node1");
        event(EventKind.ACTION_DONE, "node1", "db", "migrate db from node1 to node2");
        event(EventKind.ACTION_FAILED, "node1", "db", "migrate db from node1 to node2");
        event(EventKind.ACTION_TIMED_OUT, "node2", "db", "migrate db from node2 to node1");
        event(EventKind.ACTION_FAILED, "node2", "db", "start db on node2");

        assertEquals(List.of("RESOURCE_FAILED node1 web", "RESOURCE_RECOVERED node1 web", "MIGRATION_DONE node1 db",
                "MIGRATION_FAILED node1 db", "MIGRATION_FAILED node2 db"), told);
    }

    @Test
    void fencingFailedCapacityShortConfigurationRejectedAndLeadershipChanged() {
        event(EventKind.FENCE_FAILED, "node3", "", "");
        translate(new ClusterEvent(1, Instant.now(), ClusterEvent.Severity.INFO, EventKind.PLAN_NOTE, "", "big", "",
                Optional.empty(), "big: cannot run anywhere: node1 has 2048 MB free, needs 5120 MB"));
        translate(new ClusterEvent(2, Instant.now(), ClusterEvent.Severity.INFO, EventKind.PLAN_NOTE, "", "db", "",
                Optional.empty(), "db: migrate from node1 (standby)"));
        event(EventKind.CONFIG_REJECTED, "", "", "");
        event(EventKind.MANAGER_ROLE, "", "", "");
        event(EventKind.AGENT, "", "", "");
        event(EventKind.DRIVER, "", "", "");

        assertEquals(List.of("FENCING_FAILED node3", "CAPACITY_SHORT  big", "CONFIG_REJECTED", "LEADERSHIP_CHANGED"), told);
    }

    private void event(EventKind kind, String host, String resource, String action) {
        translate(new ClusterEvent(told.size(), Instant.now(), ClusterEvent.Severity.INFO, kind, host, resource, action,
                Optional.empty(), kind + " " + host));
    }

    private void translate(ClusterEvent event) {
        translator.translate(event).ifPresent(notice -> told.add((notice.notification() + " " + notice.event().host()
                + " " + notice.event().resource()).strip()));
    }
}
