package org.basket.northbound.snmp;

import java.util.List;
import java.util.Map;

import org.basket.api.cluster.ClusterEvent;
import org.basket.api.cluster.ClusterService;
import org.basket.api.cluster.ClusterSnapshot;
import org.basket.api.cluster.ConfigProblem;
import org.basket.api.cluster.Explanation;
import org.basket.api.cluster.Impact;
import org.basket.api.cluster.Progress;
import org.basket.api.cluster.SimulationEvent;
import org.basket.api.cluster.SimulationResult;
import org.basket.api.cluster.Tolerance;
import org.basket.api.model.Capacity;
import org.basket.api.model.ClusterConfig;
import org.basket.api.model.ClusterState;
import org.basket.api.model.Host;
import org.basket.api.model.HostState;
import org.basket.api.model.HostStatus;
import org.basket.api.model.Resource;
import org.basket.api.model.ResourceKind;
import org.basket.api.model.ResourceStatus;
import org.basket.api.plan.Transition;

/** A ClusterService that only has a snapshot: three hosts (one lost), two VMs, a service in one, a disabled VM. */
final class FakeCluster implements ClusterService {
    volatile ClusterSnapshot snapshot = demo();

    static ClusterSnapshot demo() {
        ClusterConfig config = ClusterConfig.of(
                List.of(new Host("node1", "sim", "", Map.of()), new Host("node2", "sim", "", Map.of()),
                        new Host("node3", "sim", "", Map.of())),
                List.of(Resource.vm("db", new Capacity(2, 4096)), Resource.vm("web", new Capacity(1, 1024)),
                        new Resource("postgres", ResourceKind.GUEST_SERVICE, "", Capacity.NONE, false, 0, true, "db", 3),
                        Resource.vm("batch", new Capacity(1, 512)).withEnabled(false)),
                List.of());
        ClusterState state = ClusterState.of(
                List.of(new HostStatus("node1", HostState.ONLINE, new Capacity(8, 16384)),
                        new HostStatus("node2", HostState.ONLINE, new Capacity(8, 16384)),
                        new HostStatus("node3", HostState.UNCLEAN, new Capacity(4, 8192), "no answer for 3 s")),
                List.of(ResourceStatus.runningOn("db", "node2"), ResourceStatus.runningOn("postgres", "node2"),
                        new ResourceStatus("web", List.of(), "node3", Map.of("node3", 1))));
        return new ClusterSnapshot(config, state, List.of(new ConfigProblem("org.basket.host-x.cfg", "driver", "unknown")),
                Map.of("sim", "connected"), Transition.EMPTY, Map.of("web", "waiting for node3 to be fenced"),
                "leads in epoch 3");
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
