package org.basket.testsupport;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import org.basket.api.cluster.ClusterEvent;
import org.basket.api.cluster.EventKind;

/** The rule a recovery must keep, checked on the manager's events: never start a lost resource before the fence. */
public final class RecoveryEvents {
    private RecoveryEvents() {
    }

    /**
     * Each resource's first start comes after the host's first fence, and no action failed.
     *
     * @throws AssertionError naming what is missing or out of order, with the events
     */
    public static void assertFencedBeforeStarted(List<ClusterEvent> events, String host, Collection<String> resources) {
        long fenced = first(events, e -> e.kind() == EventKind.HOST_FENCED && host.equals(e.host()))
                .orElseThrow(() -> new AssertionError("no fence of " + host + ": " + events)).sequence();
        for (String resource : resources) {
            long started = first(events, e -> e.kind() == EventKind.ACTION_DONE && resource.equals(e.resource())
                    && e.action().startsWith("start "))
                    .orElseThrow(() -> new AssertionError("no start of " + resource + ": " + events)).sequence();
            if (started <= fenced) {
                throw new AssertionError(resource + " started before " + host + " was fenced: " + events);
            }
        }
        List<ClusterEvent> failed = events.stream().filter(e -> e.kind() == EventKind.ACTION_FAILED).toList();
        if (!failed.isEmpty()) {
            throw new AssertionError("failed actions: " + failed);
        }
    }

    public static Optional<ClusterEvent> first(List<ClusterEvent> events, Predicate<ClusterEvent> which) {
        return events.stream().filter(which).min(Comparator.comparingLong(ClusterEvent::sequence));
    }
}
