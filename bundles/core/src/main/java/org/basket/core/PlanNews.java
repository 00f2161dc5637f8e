package org.basket.core;

import java.util.HashSet;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.basket.api.model.ClusterConfig;
import org.basket.api.model.Constraint;
import org.basket.api.model.Resource;
import org.basket.api.plan.Action;
import org.basket.api.plan.Transition;

/**
 * Why the plan in flight is out of date. News about one host or resource (a driver event) concerns a transition only
 * when it names a host the transition acts on, a resource it acts on, or a resource tied to one of those by a
 * constraint or a container; any other news (configuration, operator, role, agents) concerns every transition. News
 * that does not concern the transition in flight waits for the next turn, which it wakes: with thousands of hosts,
 * events about other VMs come all the time and would otherwise abandon every transition before it starts. News about
 * a host that was asked what it runs after the news came is in the observation the plan was made from: it is no news
 * to that plan.
 */
final class PlanNews {
    private record Item(long sequence, String reason, String host, String resource) {
        boolean aboutAll() {
            return host.isEmpty() && resource.isEmpty();
        }
    }

    private final Queue<Item> items = new ConcurrentLinkedQueue<>();
    private final AtomicLong sequence = new AtomicLong();

    /** The sequence number of the latest news: a poll that begins now sees what every news up to it reported. */
    long mark() {
        return sequence.get();
    }

    /** A new turn observes from now on: what came before is in its observation or, at worst, in the next one's. */
    void clear() {
        items.clear();
    }

    /** News that concerns every plan. */
    void any(String reason) {
        items.add(new Item(sequence.incrementAndGet(), reason, "", ""));
    }

    /** News about one host and, when not empty, one resource. */
    void about(String reason, String host, String resource) {
        items.add(new Item(sequence.incrementAndGet(), reason, host, resource));
    }

    /**
     * The first news that concerns the transition, or null: asked before each of its actions starts.
     *
     * @param observedUpTo by host, the {@link #mark} when its latest successful poll began
     */
    Supplier<String> concerning(Transition transition, ClusterConfig config, Map<String, Long> observedUpTo) {
        Set<String> hosts = new HashSet<>();
        Set<String> resources = new HashSet<>();
        for (Action action : transition.actions()) {
            hosts.add(action.host());
            if (action instanceof Action.Migrate migrate) {
                hosts.add(migrate.to());
            }
            action.resource().ifPresent(resources::add);
        }
        Set<String> tied = tiedTo(resources, config);
        return () -> items.stream()
                .filter(i -> i.aboutAll() || observedUpTo.getOrDefault(i.host, -1L) < i.sequence)
                .filter(i -> i.aboutAll() || hosts.contains(i.host) || tied.contains(i.resource))
                .map(Item::reason).findFirst().orElse(null);
    }

    private static Set<String> tiedTo(Set<String> resources, ClusterConfig config) {
        Set<String> tied = new HashSet<>(resources);
        for (Constraint constraint : config.constraints()) {
            if (constraint.resources().stream().anyMatch(resources::contains)) {
                tied.addAll(constraint.resources());
            }
        }
        for (Resource resource : config.resources().values()) {
            if (resource.hasContainer() && (resources.contains(resource.name()) || resources.contains(resource.container()))) {
                tied.add(resource.name());
                tied.add(resource.container());
            }
        }
        return tied;
    }
}
