package org.basket.northbound.prometheus;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.basket.api.cluster.ClusterEvent;
import org.basket.api.cluster.ClusterSnapshot;
import org.basket.api.model.HostState;
import org.basket.api.model.Resource;
import org.basket.api.model.ResourceKind;
import org.basket.api.monitor.AgentStatus;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * Basket's metrics in a registry of their own: what is (hosts and resources by state, agents connected,
 * configuration problems) read from the cluster's snapshot at each scrape, and what happened (actions, fences,
 * recovery and plan time) counted from the cluster's events.
 */
final class ClusterMetrics {
    static final List<String> ACTION_KINDS = List.of("start", "stop", "monitor", "migrate", "fence", "other");
    static final List<String> ACTION_RESULTS = List.of("done", "failed", "timed_out", "not_ready");
    static final List<String> FENCE_RESULTS = List.of("fenced", "failed", "confirmed");

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Supplier<ClusterSnapshot> snapshot;
    private final RecoveryClock recoveries = new RecoveryClock();
    private final Counter actions;
    private final Counter fences;
    private final Histogram recoveryTime;
    private final Histogram planTime;

    /**
     * @param snapshot the cluster now
     * @param agents   the in-guest agents, empty when no agent channel is deployed
     * @param refused  whether this endpoint's own configuration file is refused (its last good settings in force)
     */
    ClusterMetrics(Supplier<ClusterSnapshot> snapshot, Supplier<List<AgentStatus>> agents, BooleanSupplier refused) {
        this.snapshot = snapshot;
        GaugeWithCallback.builder().name("basket_hosts").help("Configured hosts by state")
                .labelNames("state").callback(callback -> hostsByState().forEach((state, count) ->
                        callback.call(count, state))).register(registry);
        GaugeWithCallback.builder().name("basket_resources").help("Configured resources by kind and state")
                .labelNames("kind", "state").callback(callback -> resourcesByKindAndState().forEach((key, count) ->
                        callback.call(count, key.get(0), key.get(1)))).register(registry);
        GaugeWithCallback.builder().name("basket_config_problems")
                .help("Rejected configuration files (or keys) whose last good version stays in force")
                .callback(callback -> callback.call(snapshot.get().problems().size())).register(registry);
        GaugeWithCallback.builder().name("basket_agents_connected").help("In-guest agents with an open session")
                .callback(callback -> callback.call(agents.get().stream().filter(AgentStatus::connected).count()))
                .register(registry);
        GaugeWithCallback.builder().name("basket_prometheus_config_refused")
                .help("1 while etc/org.basket.prometheus.cfg is refused and the last good settings serve")
                .callback(callback -> callback.call(refused.getAsBoolean() ? 1 : 0)).register(registry);
        actions = Counter.builder().name("basket_actions_total").help("Actions executed, by kind and result")
                .labelNames("kind", "result").register(registry);
        ACTION_KINDS.forEach(kind -> ACTION_RESULTS.forEach(result -> actions.labelValues(kind, result)));
        fences = Counter.builder().name("basket_fences_total")
                .help("Host fencing outcomes: fenced, failed (every level), confirmed (off by the operator's word)")
                .labelNames("result").register(registry);
        FENCE_RESULTS.forEach(fences::labelValues);
        recoveryTime = Histogram.builder().name("basket_recovery_seconds")
                .help("From a resource's failure (or its host's loss) to the start issued to recover it")
                .classicOnly().classicUpperBounds(0.5, 1, 2, 5, 10, 15, 20, 30, 45, 60, 90, 120, 300, 600)
                .register(registry);
        planTime = Histogram.builder().name("basket_plan_seconds")
                .help("How long the scheduler took to plan each transition that was executed")
                .classicOnly().classicUpperBounds(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1,
                        2.5, 5, 10)
                .register(registry);
    }

    PrometheusRegistry registry() {
        return registry;
    }

    /** Counts what the event says happened; quick, for the manager's event thread. */
    void event(ClusterEvent event) {
        long times = event.repeats() > 0 ? event.repeats() : 1;
        switch (event.kind()) {
            case ACTION_DONE -> action(event, "done", times);
            case ACTION_FAILED -> action(event, "failed", times);
            case ACTION_TIMED_OUT -> action(event, "timed_out", times);
            case ACTION_NOT_READY -> action(event, "not_ready", times);
            case HOST_FENCED -> fences.labelValues(event.severity() == ClusterEvent.Severity.ERROR ? "confirmed"
                    : "fenced").inc(times);
            case FENCE_FAILED -> {
                if (event.severity() == ClusterEvent.Severity.ERROR) { // a warning only says that the retry waits
                    fences.labelValues("failed").inc(times);
                }
            }
            case HOST_SUSPECT, HOST_DEAD -> {
                if (event.repeats() == 0 && !event.host().isEmpty()) {
                    recoveries.hostLost(event.host(), event.time(), resourcesOn(event.host()));
                }
            }
            case HOST_BACK -> recoveries.hostBack(event.host());
            case RESOURCE_FAILED -> {
                if (event.repeats() == 0 && !event.resource().isEmpty()) {
                    recoveries.resourceFailed(event.resource(), event.time());
                }
            }
            case TRANSITION_STARTED -> event.duration().ifPresent(took -> planTime.observe(seconds(took)));
            default -> {
            }
        }
    }

    private void action(ClusterEvent event, String result, long times) {
        String verb = event.action().split(" ", 2)[0];
        actions.labelValues(ACTION_KINDS.contains(verb) ? verb : "other", result).inc(times);
        if (verb.equals("start") && !event.resource().isEmpty() && event.repeats() == 0) {
            java.time.Instant issued = event.time().minus(event.duration().orElse(Duration.ZERO));
            recoveries.startIssued(event.resource(), issued).ifPresent(took -> recoveryTime.observe(seconds(took)));
        }
    }

    private Set<String> resourcesOn(String host) {
        Set<String> on = new TreeSet<>();
        snapshot.get().state().resources().values().forEach(status -> {
            if (status.activeOn().contains(host)) {
                on.add(status.name());
            }
        });
        return on;
    }

    private Map<String, Integer> hostsByState() {
        ClusterSnapshot now = snapshot.get();
        Map<String, Integer> counts = new HashMap<>();
        for (HostState state : HostState.values()) {
            counts.put(lower(state), 0);
        }
        Set<String> hosts = new TreeSet<>(now.config().hosts().keySet());
        hosts.forEach(host -> counts.merge(lower(now.state().hostState(host)), 1, Integer::sum));
        return counts;
    }

    private Map<List<String>, Integer> resourcesByKindAndState() {
        ClusterSnapshot now = snapshot.get();
        Map<List<String>, Integer> counts = new HashMap<>();
        for (ResourceKind kind : ResourceKind.values()) {
            ResourceStates.ALL.forEach(state -> counts.put(List.of(lower(kind), state), 0));
        }
        for (Resource resource : now.config().resources().values()) {
            String state = ResourceStates.of(resource, now.state().resource(resource.name()));
            counts.merge(List.of(lower(resource.kind()), state), 1, Integer::sum);
        }
        return counts;
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
