package org.basket.scheduler;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

import org.basket.api.model.ClusterConfig;
import org.basket.api.model.Constraint;

/**
 * The order in which resources take their turns once a colocation's {@code with} side (Pacemaker's primary) goes
 * before its {@code resource} side (the dependent), as Pacemaker assigns a colocation's primary first, then the
 * dependent with the primary's host known: each resource, in turn order, after the primaries it depends on that have
 * a turn, in their turn order, recursively; a cycle is broken where it closes. Only positive colocations count:
 * Basket's anti-affinity applies the same whichever side names it, and its colocation sets are symmetric.
 */
final class PrimariesFirst {
    private final int[][] primaries;

    /** The primaries of each resource by position, from the configuration's colocations. */
    PrimariesFirst(ClusterConfig config, ConfigIndex index) {
        int n = index.resources.length;
        int[] counts = new int[n];
        List<Constraint.Colocation> colocations = config.constraints(Constraint.Colocation.class);
        for (Constraint.Colocation colocation : colocations) {
            int dependent = index.position(colocation.resource());
            if (colocation.score() > 0 && dependent >= 0 && index.position(colocation.with()) >= 0) {
                counts[dependent]++;
            }
        }
        primaries = new int[n][];
        for (int i = 0; i < n; i++) {
            primaries[i] = counts[i] == 0 ? null : new int[counts[i]];
            counts[i] = 0;
        }
        for (Constraint.Colocation colocation : colocations) {
            int dependent = index.position(colocation.resource());
            int primary = index.position(colocation.with());
            if (colocation.score() > 0 && dependent >= 0 && primary >= 0) {
                primaries[dependent][counts[dependent]++] = primary;
            }
        }
    }

    /** The positions of {@code turns} (in turn order) with every resource's primaries among them moved before it. */
    int[] order(int[] turns) {
        if (noPrimaries()) {
            return turns;
        }
        int[] rank = new int[primaries.length];
        for (int i = 0; i < turns.length; i++) {
            rank[turns[i]] = i + 1;
        }
        int[] order = new int[turns.length];
        int[] size = {0};
        BitSet taken = new BitSet();
        for (int position : turns) {
            take(position, rank, taken, order, size);
        }
        return order;
    }

    private void take(int position, int[] rank, BitSet taken, int[] order, int[] size) {
        if (taken.get(position)) {
            return;
        }
        taken.set(position);
        int[] of = primaries[position];
        if (of != null) {
            // its primaries that have a turn, in turn order
            List<Integer> byRank = new ArrayList<>(of.length);
            for (int primary : of) {
                if (rank[primary] > 0) {
                    byRank.add(primary);
                }
            }
            byRank.sort((a, b) -> Integer.compare(rank[a], rank[b]));
            for (int primary : byRank) {
                take(primary, rank, taken, order, size);
            }
        }
        order[size[0]++] = position;
    }

    private boolean noPrimaries() {
        for (int[] of : primaries) {
            if (of != null) {
                return false;
            }
        }
        return true;
    }
}
