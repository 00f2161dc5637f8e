package org.basket.scheduler;

import static org.basket.scheduler.Cluster.cluster;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.basket.api.model.ClusterConfig;
import org.junit.jupiter.api.Test;

/** A colocation's primary (its with side) takes its turn before the dependent; cycles and anti-affinity do not loop. */
class PrimariesFirstTest {

    /** The turn order of {@code turns} (names) with primaries moved first, as names. */
    private static List<String> order(Cluster cluster, String... turns) {
        ClusterConfig config = cluster.config();
        ConfigIndex index = new ConfigIndex(config);
        int[] positions = new int[turns.length];
        for (int i = 0; i < turns.length; i++) {
            positions[i] = index.position(turns[i]);
        }
        List<String> names = new ArrayList<>();
        for (int position : new PrimariesFirst(config, index).order(positions)) {
            names.add(index.resources[position].name());
        }
        return names;
    }

    @Test
    void aChainOfDependentsComesAfterItsPrimariesInTurnOrder() {
        Cluster cluster = cluster().hosts("node1").vms("a", "b", "c", "d")
                .colocation("a", "b", 100).colocation("b", "c", 1_000_000).colocation("a", "d", 5);

        assertEquals(List.of("c", "b", "d", "a"), order(cluster, "a", "b", "c", "d"));
        assertEquals(List.of("d", "c", "b", "a"), order(cluster, "d", "c", "b", "a"));
    }

    @Test
    void aCycleIsBrokenWhereItClosesAndEveryResourceTakesOneTurn() {
        Cluster cluster = cluster().hosts("node1").vms("a", "b", "c")
                .colocation("a", "b", 100).colocation("b", "c", 100).colocation("c", "a", 100);

        assertEquals(List.of("c", "b", "a"), order(cluster, "a", "b", "c"));
    }

    @Test
    void antiAffinityAndPrimariesWithoutATurnDoNotReorder() {
        Cluster cluster = cluster().hosts("node1").vms("a", "b", "c")
                .antiAffinity("a", "b").colocation("b", "c", 100);

        assertEquals(List.of("a", "b"), order(cluster, "a", "b"));
    }
}
