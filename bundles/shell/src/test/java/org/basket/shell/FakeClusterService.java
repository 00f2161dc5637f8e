package org.basket.shell;

import java.util.ArrayList;
import java.util.List;

import org.basket.api.cluster.ClusterEvent;
import org.basket.api.cluster.ClusterService;
import org.basket.api.cluster.ClusterSnapshot;
import org.basket.api.cluster.Explanation;
import org.basket.api.cluster.History;
import org.basket.api.cluster.Impact;
import org.basket.api.cluster.Progress;
import org.basket.api.cluster.SimulationEvent;
import org.basket.api.cluster.SimulationResult;
import org.basket.api.cluster.Tolerance;

/** A cluster service that answers from a fixed snapshot and event list and records operator requests. */
final class FakeClusterService implements ClusterService {

    /** One {@link #setStandby} call. */
    record StandbyCall(String host, boolean standby) {
    }

    ClusterSnapshot snapshot;
    final List<ClusterEvent> events = new ArrayList<>();
    final List<StandbyCall> standbyCalls = new ArrayList<>();
    /** The {@code max} of every {@link #events} call. */
    final List<Integer> eventRequests = new ArrayList<>();

    FakeClusterService(ClusterSnapshot snapshot) {
        this.snapshot = snapshot;
    }

    @Override
    public ClusterSnapshot snapshot() {
        return snapshot;
    }

    @Override
    public List<ClusterEvent> events(int max) {
        eventRequests.add(max);
        return List.copyOf(events.subList(Math.max(0, events.size() - max), events.size()));
    }

    /** Like the real manager: rejects a host the configuration does not name. */
    @Override
    public void setStandby(String host, boolean standby) {
        if (!snapshot.config().hosts().containsKey(host)) {
            throw new IllegalArgumentException("unknown host '" + host + "' (configured: "
                    + String.join(", ", snapshot.config().hosts().keySet()) + ")");
        }
        standbyCalls.add(new StandbyCall(host, standby));
    }

    /** One {@link #setMaintenance} call. */
    record MaintenanceCall(Scope scope, String name, boolean on) {
    }

    final List<MaintenanceCall> maintenanceCalls = new ArrayList<>();
    boolean clusterMaintenance;

    @Override
    public void setMaintenance(Scope scope, String name, boolean on) {
        if (scope == Scope.HOST && !snapshot.config().hosts().containsKey(name)) {
            throw new IllegalArgumentException("unknown host '" + name + "'");
        }
        maintenanceCalls.add(new MaintenanceCall(scope, name, on));
        if (scope == Scope.CLUSTER) {
            clusterMaintenance = on;
        }
    }

    final List<String> fenced = new ArrayList<>();
    final List<String> confirmed = new ArrayList<>();
    String fenceFailure;

    @Override
    public String fence(String host) throws org.basket.api.fence.FenceException {
        if (fenceFailure != null) {
            throw new org.basket.api.fence.FenceException(fenceFailure);
        }
        fenced.add(host);
        return "fence_dummy:" + host;
    }

    final List<String> cleanedUp = new ArrayList<>();

    @Override
    public void cleanup(String resource) {
        if (!snapshot.config().resources().containsKey(resource)) {
            throw new IllegalArgumentException("unknown resource '" + resource + "'");
        }
        cleanedUp.add(resource);
    }

    @Override
    public void confirmFenced(String host) {
        confirmed.add(host);
    }

    @Override
    public boolean isClusterInMaintenance() {
        return clusterMaintenance;
    }

    /** One {@link #impact} call. */
    record ImpactCall(String host, boolean fail) {
    }

    /** What the analyses answer; set by a test. */
    Impact impact;
    Explanation explanation;
    Tolerance tolerance;
    SimulationResult simulation;
    final List<ImpactCall> impactCalls = new ArrayList<>();
    final List<Integer> toleranceCalls = new ArrayList<>();
    final List<List<SimulationEvent>> simulateCalls = new ArrayList<>();

    /** Like the real manager: rejects a host the configuration does not name. */
    @Override
    public Impact impact(String host, boolean fail) {
        requireKnown("host", host, snapshot.config().hosts().keySet());
        impactCalls.add(new ImpactCall(host, fail));
        return impact;
    }

    @Override
    public Explanation explain(String resource) {
        requireKnown("resource", resource, snapshot.config().resources().keySet());
        return explanation;
    }

    @Override
    public Tolerance tolerance(int minPriority) {
        toleranceCalls.add(minPriority);
        return tolerance;
    }

    /** Like the real manager: rejects an event that names an unknown host. */
    @Override
    public SimulationResult simulate(List<SimulationEvent> events) {
        for (SimulationEvent event : events) {
            if (event instanceof SimulationEvent.HostFails fails
                    && !snapshot.config().hosts().containsKey(fails.host())) {
                throw new IllegalArgumentException(event + ": unknown host '" + fails.host() + "' (configured: "
                        + String.join(", ", snapshot.config().hosts().keySet()) + ")");
            }
        }
        simulateCalls.add(List.copyOf(events));
        return simulation;
    }

    private static void requireKnown(String kind, String name, java.util.Collection<String> known) {
        if (!known.contains(name)) {
            throw new IllegalArgumentException("unknown " + kind + " '" + name + "' (configured: "
                    + String.join(", ", known) + ")");
        }
    }

    History history = new History("this manager's journal", List.of(), 0);
    /** host, resource and limit of every {@link #history} call. */
    final List<List<Object>> historyRequests = new ArrayList<>();

    @Override
    public History history(String host, String resource, int limit) {
        historyRequests.add(java.util.Arrays.asList(host, resource, limit));
        return history;
    }

    Progress progress = Progress.IDLE;
    List<String> cancelResult = List.of();
    int cancels;

    @Override
    public Progress progress() {
        return progress;
    }

    @Override
    public List<String> cancel() {
        cancels++;
        return cancelResult;
    }
}
