package org.basket.coordination;

import java.util.Map;

import org.basket.api.coordination.Coordination;
import org.basket.api.coordination.ObservationShare;
import org.basket.api.coordination.SharedState;

/** What {@link CoordinationComponent} registers in zookeeper mode, for a manager run outside OSGi by a benchmark. */
public final class BenchCoordination implements AutoCloseable {
    private final ZooKeeperCoordination coordination;
    private final SharedState state;
    private final ZooKeeperObservationShare share;

    public BenchCoordination(Map<String, ?> properties) throws Exception {
        CoordinationSettings settings = CoordinationSettings.from(properties);
        this.coordination = ZooKeeperCoordination.start(settings);
        this.state = new ZooKeeperSharedState(coordination, Clients.acl(settings));
        this.share = new ZooKeeperObservationShare(coordination, Clients.acl(settings));
    }

    public Coordination coordination() {
        return coordination;
    }

    public SharedState state() {
        return state;
    }

    public ObservationShare share() {
        return share;
    }

    @Override
    public void close() {
        share.close();
        coordination.close();
    }
}
