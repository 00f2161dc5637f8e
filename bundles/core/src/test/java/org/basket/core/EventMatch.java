package org.basket.core;

import java.util.List;
import java.util.function.Predicate;

import org.basket.api.cluster.ClusterEvent;
import org.basket.api.cluster.EventKind;

/** What the tests look for among the events: their typed fields, not their wording. */
final class EventMatch {
    private EventMatch() {
    }

    /** The action (as {@code Action.toString()}) was done. */
    static Predicate<ClusterEvent> done(String action) {
        return e -> e.kind() == EventKind.ACTION_DONE && e.action().equals(action);
    }

    static Predicate<ClusterEvent> aboutHost(EventKind kind, String host) {
        return e -> e.kind() == kind && e.host().equals(host);
    }

    static Predicate<ClusterEvent> aboutResource(EventKind kind, String resource) {
        return e -> e.kind() == kind && e.resource().equals(resource);
    }

    /** The sequence number of the first event that matches, or -1. */
    static long first(List<ClusterEvent> events, Predicate<ClusterEvent> match) {
        return events.stream().filter(match).mapToLong(ClusterEvent::sequence).findFirst().orElse(-1);
    }

    /** The sequence number of the last event that matches, or -1. */
    static long last(List<ClusterEvent> events, Predicate<ClusterEvent> match) {
        return events.stream().filter(match).mapToLong(ClusterEvent::sequence).max().orElse(-1);
    }
}
