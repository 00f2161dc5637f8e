package org.basket.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Comparator;
import java.util.SortedMap;
import java.util.TreeMap;

import org.basket.api.model.ClusterConfig;
import org.basket.api.model.ClusterState;
import org.junit.jupiter.api.Test;

class DeterminismTest {

    @Test
    void theSameInputGivesTheSamePlan() {
        Plan first = BusyClusterTest.busy().plan();
        Plan second = BusyClusterTest.busy().plan();

        assertFalse(first.transition().isEmpty());
        assertEquals(first, second);
    }

    @Test
    void inputBuiltInAnotherOrderGivesTheSamePlan() {
        assertEquals(BusyClusterTest.busy().plan(), BusyClusterTest.busy().reversed().plan());
    }

    @Test
    void mapsSortedTheOtherWayGiveTheSamePlan() {
        Cluster cluster = BusyClusterTest.busy();
        ClusterConfig config = cluster.config();
        ClusterState state = cluster.state();
        ClusterConfig reversedConfig = new ClusterConfig(reversed(config.hosts()), reversed(config.resources()),
                config.constraints());
        ClusterState reversedState = new ClusterState(reversed(state.hosts()), reversed(state.resources()));

        assertEquals(new Scheduler().plan(config, state), new Scheduler().plan(reversedConfig, reversedState));
    }

    private static <V> SortedMap<String, V> reversed(SortedMap<String, V> map) {
        SortedMap<String, V> copy = new TreeMap<>(Comparator.reverseOrder());
        copy.putAll(map);
        return copy;
    }
}
