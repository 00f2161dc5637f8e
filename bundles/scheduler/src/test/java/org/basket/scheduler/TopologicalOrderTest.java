package org.basket.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.basket.api.plan.Action;
import org.basket.api.plan.Ordering;
import org.junit.jupiter.api.Test;

class TopologicalOrderTest {
    private static final Action START_A = new Action.Start("a", "node1");
    private static final Action START_B = new Action.Start("b", "node1");
    private static final Action STOP_C = new Action.Stop("c", "node2");
    private static final Action MIGRATE_D = new Action.Migrate("d", "node1", "node2");
    private static final Action FENCE = new Action.Fence("node3");

    @Test
    void withoutOrderingsFencesComeFirstThenStopsMigrationsAndStartsByName() {
        List<Action> sorted = TopologicalOrder.sort(List.of(START_B, START_A, MIGRATE_D, STOP_C, FENCE), List.of());

        assertEquals(List.of(FENCE, STOP_C, MIGRATE_D, START_A, START_B), sorted);
    }

    @Test
    void orderingsWinOverTheTieBreak() {
        List<Action> sorted = TopologicalOrder.sort(List.of(START_A, START_B, STOP_C),
                List.of(new Ordering(START_B, START_A), new Ordering(START_A, STOP_C)));

        assertEquals(List.of(START_B, START_A, STOP_C), sorted);
    }

    @Test
    void theInputOrderDoesNotMatter() {
        List<Ordering> orderings = List.of(new Ordering(START_B, START_A));

        assertEquals(TopologicalOrder.sort(List.of(START_A, START_B, FENCE), orderings),
                TopologicalOrder.sort(List.of(FENCE, START_B, START_A), orderings));
    }

    @Test
    void aCycleIsRejectedNamingItsActions() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> TopologicalOrder.sort(
                List.of(START_A, START_B, FENCE),
                List.of(new Ordering(START_A, START_B), new Ordering(START_B, START_A))));

        assertEquals("orderings form a cycle among: [start a on node1, start b on node1]", e.getMessage());
    }

    @Test
    void aSchedulerGivenAnOrderLoopFailsNamingTheStarts() {
        Cluster cluster = Cluster.cluster().hosts("node1").vms("a", "b").order("a", "b").order("b", "a");

        IllegalStateException e = assertThrows(IllegalStateException.class, cluster::plan);
        assertTrue(e.getMessage().contains("start a on node1"), e.getMessage());
        assertTrue(e.getMessage().contains("start b on node1"), e.getMessage());
    }
}
