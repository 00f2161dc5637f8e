package org.basket.agent.runtime;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import org.basket.api.monitor.ServiceDefinition;
import org.basket.api.monitor.ServiceMonitor;
import org.basket.channel.protocol.MonitorResult;

/**
 * One service of the definitions: checkable when its monitor is present and accepted the definition,
 * otherwise {@link #problem} says why not; its latest result and its schedule.
 */
final class WatchedService {
    final ServiceDefinition definition;
    final AtomicBoolean checking = new AtomicBoolean();
    volatile ServiceMonitor monitor;
    volatile String problem;
    volatile boolean skipping;
    ScheduledFuture<?> schedule;
    private MonitorResult latest;

    WatchedService(ServiceDefinition definition) {
        this.definition = definition;
    }

    String name() {
        return definition.name();
    }

    synchronized MonitorResult latest() {
        return latest;
    }

    /** Keeps the newer of the two; returns the one it replaced (null at first), or the argument itself if it was older. */
    synchronized MonitorResult keep(MonitorResult result) {
        if (latest != null && result.checkedAt().isBefore(latest.checkedAt())) {
            return result;
        }
        MonitorResult previous = latest;
        latest = result;
        return previous;
    }

    void unschedule() {
        if (schedule != null) {
            schedule.cancel(false);
            schedule = null;
        }
    }
}
