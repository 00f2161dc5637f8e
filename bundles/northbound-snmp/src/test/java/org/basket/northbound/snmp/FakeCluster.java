package org.basket.northbound.snmp;

import java.util.List;
import java.util.Map;

import org.basket.api.cluster.ClusterSnapshot;
import org.basket.api.cluster.ConfigProblem;
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
import org.basket.testsupport.SnapshotCluster;

/** A ClusterService that only has a snapshot: three hosts (one lost), two VMs, a service in one, a disabled VM. */
final class FakeCluster extends SnapshotCluster {

    FakeCluster() {
        super(demo());
    }

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
}
