package org.basket.core;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;

import org.basket.api.cluster.EventKind;
import org.basket.api.driver.DomainInfo;
import org.basket.api.model.ClusterState;
import org.basket.api.model.Resource;
import org.basket.api.model.ResourceStatus;
import org.basket.core.driver.DriverRegistry;

/**
 * The resources' own monitors: each resource with a monitor interval is checked where it runs, on
 * top of the host's poll. A check that finds it stopped, fails or times out is a failure there.
 */
final class ResourceMonitors {
    private final DriverRegistry registry;
    private final Observer observer;
    private final EventLog events;
    private final ExecutorService pool;
    private final Map<String, Instant> lastChecked = new HashMap<>();
    private final EngineTime time;
    private volatile Duration defaultTimeout;

    ResourceMonitors(DriverRegistry registry, Observer observer, EventLog events, ExecutorService pool,
                     Duration defaultTimeout, EngineTime time) {
        this.time = time;
        this.registry = registry;
        this.observer = observer;
        this.events = events;
        this.pool = pool;
        this.defaultTimeout = defaultTimeout;
    }

    void setDefaultTimeout(Duration value) {
        defaultTimeout = value;
    }

    /** Checks every monitored resource that runs on one actionable host and is due. */
    void run(Map<String, Resource> resources, ClusterState state, Instant now) throws InterruptedException {
        lastChecked.keySet().retainAll(resources.keySet());
        Map<String, Future<Optional<String>>> checks = new LinkedHashMap<>();
        Map<String, String> hostOf = new HashMap<>();
        Map<String, Duration> timeoutOf = new HashMap<>();
        for (Resource resource : resources.values()) {
            ResourceStatus status = state.resource(resource.name());
            boolean checkable = resource.operations().isMonitored() && !resource.hasContainer() && status.activeOn().size() == 1
                    && state.hostState(status.activeOn().get(0)).isActionable();
            if (!checkable) {
                lastChecked.remove(resource.name());
                continue;
            }
            if (!isDue(resource, now)) {
                continue;
            }
            String host = status.activeOn().get(0);
            lastChecked.put(resource.name(), now);
            hostOf.put(resource.name(), host);
            Duration own = resource.operations().monitorTimeout();
            timeoutOf.put(resource.name(), own.isZero() ? defaultTimeout : own);
            checks.put(resource.name(), pool.submit(() -> check(resource, host)));
        }
        for (Map.Entry<String, Future<Optional<String>>> check : checks.entrySet()) {
            String resource = check.getKey();
            Optional<String> failure = outcome(check.getValue(), timeoutOf.get(resource));
            if (failure.isPresent()) {
                events.entry(EventKind.RESOURCE_FAILED, "monitor of " + resource + " on " + hostOf.get(resource)
                        + " failed: " + failure.get()).resource(resource).host(hostOf.get(resource)).warn();
                observer.monitorFailed(resource, hostOf.get(resource), failure.get().startsWith("found "), now);
            }
        }
    }

    /** How long until the next check of a resource that is being monitored, if one is. */
    Optional<Duration> untilNextDue(Map<String, Resource> resources, Instant now) {
        return resources.values().stream().filter(r -> r.operations().isMonitored() && lastChecked.containsKey(r.name()))
                .map(r -> Duration.between(now, lastChecked.get(r.name()).plus(r.operations().monitorInterval())))
                .map(d -> d.isNegative() ? Duration.ZERO : d).min(Duration::compareTo);
    }

    private boolean isDue(Resource resource, Instant now) {
        Instant last = lastChecked.get(resource.name());
        return last == null || !now.isBefore(last.plus(resource.operations().monitorInterval()));
    }

    /** Empty when the resource runs; otherwise what is wrong, starting with "found " when it does not run. */
    private Optional<String> check(Resource resource, String host) throws Exception {
        DomainInfo info = registry.require(host).monitor(host, observer.domainOf(resource.name()));
        return info.state().isActive() ? Optional.empty()
                : Optional.of("found " + info.state().name().toLowerCase());
    }

    private Optional<String> outcome(Future<Optional<String>> check, Duration timeout) throws InterruptedException {
        try {
            return time.get(check, time.nanoTime() + timeout.toNanos());
        } catch (TimeoutException e) {
            check.cancel(true);
            return Optional.of("no answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            return Optional.of(cause.getMessage() == null ? cause.toString() : cause.getMessage());
        }
    }
}
