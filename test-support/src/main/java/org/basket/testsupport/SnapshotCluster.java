package org.basket.testsupport;

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

/** A cluster service that shows the snapshot a test gives it and does nothing else: for the northbound layers' tests. */
public class SnapshotCluster implements ClusterService {
    private volatile ClusterSnapshot snapshot;

    public SnapshotCluster(ClusterSnapshot snapshot) {
        this.snapshot = snapshot;
    }

    /** What {@link #snapshot()} shows from now on. */
    public void show(ClusterSnapshot next) {
        snapshot = next;
    }

    @Override
    public ClusterSnapshot snapshot() {
        return snapshot;
    }

    @Override
    public List<ClusterEvent> events(int max) {
        return List.of();
    }

    @Override
    public void setStandby(String host, boolean standby) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void setMaintenance(Scope scope, String name, boolean on) {
        throw new UnsupportedOperationException();
    }

    @Override
    public String fence(String host) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void confirmFenced(String host) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void cleanup(String resource) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Progress progress() {
        return Progress.IDLE;
    }

    @Override
    public List<String> cancel() {
        return List.of();
    }

    @Override
    public boolean isClusterInMaintenance() {
        return false;
    }

    @Override
    public History history(String host, String resource, int limit) {
        return new History("none: a snapshot keeps no history", List.of(), 0);
    }

    @Override
    public Impact impact(String host, boolean fail) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Explanation explain(String resource) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Tolerance tolerance(int minPriority) {
        throw new UnsupportedOperationException();
    }

    @Override
    public SimulationResult simulate(List<SimulationEvent> events) {
        throw new UnsupportedOperationException();
    }
}
