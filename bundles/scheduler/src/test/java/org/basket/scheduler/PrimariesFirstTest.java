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
    void aLongChainIsTakenWithoutExhaustingTheStack() {
        int n = 50_000;
        String[] names = new String[n];
        for (int i = 0; i < n; i++) {
            names[i] = String.format("r%05d", i);
        }
        Cluster cluster = cluster().hosts("node1").vms(names);
        for (int i = 0; i + 1 < n; i++) {
            cluster.colocation(names[i], names[i + 1], 100); // each with the next: the last is placed first
        }

        List<String> order = order(cluster, names);

        assertEquals(n, order.size());
        assertEquals(names[n - 1], order.get(0));
        assertEquals(names[0], order.get(n - 1));
    }

    @Test
    void antiAffinityAndPrimariesWithoutATurnDoNotReorder() {
        Cluster cluster = cluster().hosts("node1").vms("a", "b", "c")
                .antiAffinity("a", "b").colocation("b", "c", 100);

        assertEquals(List.of("a", "b"), order(cluster, "a", "b"));
    }
}
