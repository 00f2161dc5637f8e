package org.basket.scheduler;

import java.util.ArrayDeque;
import java.util.Arrays;
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
    private static final int[] NONE = {};
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

    /** Adds {@code start} after its primaries, depth first without recursion (a chain may be long). */
    private void take(int start, int[] rank, BitSet taken, int[] order, int[] size) {
        if (taken.get(start)) {
            return;
        }
        taken.set(start);
        ArrayDeque<Frame> stack = new ArrayDeque<>();
        stack.push(new Frame(start, primariesByRank(start, rank)));
        while (!stack.isEmpty()) {
            Frame frame = stack.peek();
            if (frame.next < frame.primaries.length) {
                int primary = frame.primaries[frame.next++];
                if (!taken.get(primary)) {
                    taken.set(primary);
                    stack.push(new Frame(primary, primariesByRank(primary, rank)));
                }
            } else {
                stack.pop();
                order[size[0]++] = frame.position;
            }
        }
    }

    /** The primaries of the resource at {@code position} that have a turn, in turn order. */
    private int[] primariesByRank(int position, int[] rank) {
        int[] of = primaries[position];
        if (of == null) {
            return NONE;
        }
        return Arrays.stream(of).filter(p -> rank[p] > 0).boxed()
                .sorted((a, b) -> Integer.compare(rank[a], rank[b])).mapToInt(Integer::intValue).toArray();
    }

    /** A resource whose primaries are being taken, and the next of them. */
    private static final class Frame {
        final int position;
        final int[] primaries;
        int next;

        Frame(int position, int[] primaries) {
            this.position = position;
            this.primaries = primaries;
        }
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
