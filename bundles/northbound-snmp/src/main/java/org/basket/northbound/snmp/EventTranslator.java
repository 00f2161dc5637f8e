package org.basket.northbound.snmp;

import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.basket.api.cluster.ClusterEvent;
import org.basket.northbound.snmp.BasketMib.Notification;

/**
 * Which of Basket's typed events is which notification. "Resource recovered" is a start that finished of a
 * resource that failed or whose host was lost (its resources as the manager last saw them); at most
 * {@value #MAX_PENDING} such resources are remembered. Called on the manager's event thread: quick, no I/O.
 */
final class EventTranslator {
    static final int MAX_PENDING = 10_000;
    private final Function<String, Collection<String>> resourcesOn;
    private final Set<String> awaitingRecovery = new LinkedHashSet<>();

    /** @param resourcesOn the resources the manager last saw active on a host */
    EventTranslator(Function<String, Collection<String>> resourcesOn) {
        this.resourcesOn = resourcesOn;
    }

    synchronized Optional<Notice> translate(ClusterEvent event) {
        return Optional.ofNullable(switch (event.kind()) {
            case HOST_DEAD -> {
                await(resourcesOn.apply(event.host()));
                yield Notification.HOST_LOST;
            }
            case HOST_FENCED -> {
                await(resourcesOn.apply(event.host()));
                yield Notification.HOST_FENCED;
            }
            case FENCE_FAILED -> Notification.FENCING_FAILED;
            case RESOURCE_FAILED -> {
                await(event.resource().isEmpty() ? Set.of() : Set.of(event.resource()));
                yield Notification.RESOURCE_FAILED;
            }
            case ACTION_DONE -> event.action().startsWith("migrate ") ? Notification.MIGRATION_DONE
                    : event.action().startsWith("start ") && awaitingRecovery.remove(event.resource())
                    ? Notification.RESOURCE_RECOVERED : null;
            case ACTION_FAILED, ACTION_TIMED_OUT -> event.action().startsWith("migrate ") ? Notification.MIGRATION_FAILED
                    : null;
            case PLAN_NOTE -> event.message().contains(": cannot run anywhere") ? Notification.CAPACITY_SHORT : null;
            case CONFIG_REJECTED -> Notification.CONFIG_REJECTED;
            case MANAGER_ROLE -> Notification.LEADERSHIP_CHANGED;
            default -> null;
        }).map(notification -> new Notice(notification, event));
    }

    private void await(Collection<String> resources) {
        awaitingRecovery.addAll(resources);
        Iterator<String> oldest = awaitingRecovery.iterator();
        while (awaitingRecovery.size() > MAX_PENDING) {
            oldest.next();
            oldest.remove();
        }
    }
}
