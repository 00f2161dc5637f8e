package org.basket.scheduler;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

import org.basket.api.model.Capacity;

/**
 * What the resources assigned so far use of each host, and the candidate hosts by how many resources they
 * have, so that the least loaded host that fits a demand is found without looking at every host.
 *
 * <p>Hosts are numbered (slots) in the order they are first named. A candidate is a host that accepts
 * resources; it leaves the candidates once it has no room left for the smallest demand that may still come
 * ({@link #smallestDemand}). Candidates are kept in one set per resource count, each ordered by slot:
 * {@link #leastLoaded} looks at the lowest counts first and stops at the first host that fits, {@link #mostLoaded}
 * at the highest; {@link #firstFitting} goes through all candidates by slot.
 */
final class HostLoad {
    private final Map<String, Integer> slots = new HashMap<>();
    private int size;
    private int[] count = new int[16];
    private int[] usedCpus = new int[16];
    private long[] usedMemory = new long[16];
    /** Capacity of each candidate; null for a host that is not one. */
    private Capacity[] capacity = new Capacity[16];
    /** Candidates by how many resources they have: byCount.get(n) holds the slots of those with n. */
    private final List<BitSet> byCount = new ArrayList<>();
    /** Every candidate, whatever its count. */
    private final BitSet candidates = new BitSet();
    /** No candidate has fewer resources than this. */
    private int fewest;
    private int smallestCpus;
    private long smallestMemory;

    void add(String host, Capacity demand) {
        add(slot(host), demand);
    }

    Capacity used(String host) {
        Integer slot = slots.get(host);
        return slot == null ? Capacity.NONE : new Capacity(usedCpus[slot], usedMemory[slot]);
    }

    int count(String host) {
        Integer slot = slots.get(host);
        return slot == null ? 0 : count[slot];
    }

    /** The host's slot, numbering it if it is new. */
    int slot(String host) {
        Integer slot = slots.get(host);
        if (slot != null) {
            return slot;
        }
        if (size == count.length) {
            int length = size * 2;
            count = Arrays.copyOf(count, length);
            usedCpus = Arrays.copyOf(usedCpus, length);
            usedMemory = Arrays.copyOf(usedMemory, length);
            capacity = Arrays.copyOf(capacity, length);
        }
        slots.put(host, size);
        return size++;
    }

    /** The host's slot, or -1 if it was never named. */
    int slotOf(String host) {
        Integer slot = slots.get(host);
        return slot == null ? -1 : slot;
    }

    void add(int slot, Capacity demand) {
        if (capacity[slot] != null) {
            byCount.get(count[slot]).clear(slot);
        }
        count[slot]++;
        usedCpus[slot] += demand.cpus();
        usedMemory[slot] += demand.memoryMb();
        if (capacity[slot] != null) {
            if (fits(slot, smallestCpus, smallestMemory)) {
                level(count[slot]).set(slot);
            } else {
                capacity[slot] = null;
                candidates.clear(slot);
            }
        }
    }

    int count(int slot) {
        return count[slot];
    }

    /** Whether the host's free capacity (what it offers less what it runs, never below zero) takes the demand. */
    boolean fits(int slot, Capacity offered, Capacity demand) {
        return demand.cpus() <= Math.max(0, offered.cpus() - usedCpus[slot])
                && demand.memoryMb() <= Math.max(0L, offered.memoryMb() - usedMemory[slot]);
    }

    /** Makes the host a candidate for {@link #leastLoaded}. */
    void offer(int slot, Capacity offered) {
        capacity[slot] = offered;
        if (fits(slot, smallestCpus, smallestMemory)) {
            level(count[slot]).set(slot);
            candidates.set(slot);
            fewest = Math.min(fewest, count[slot]);
        } else {
            capacity[slot] = null;
        }
    }

    /** No demand to come is smaller than this: candidates without room for it leave. */
    void smallestDemand(int cpus, long memoryMb) {
        smallestCpus = cpus;
        smallestMemory = memoryMb;
        for (int slot = 0; slot < size; slot++) {
            if (capacity[slot] != null && !fits(slot, cpus, memoryMb)) {
                byCount.get(count[slot]).clear(slot);
                capacity[slot] = null;
                candidates.clear(slot);
            }
        }
    }

    /**
     * The candidate with the fewest resources, ties to the lowest slot, that has room for the demand and that
     * {@code excluded} does not reject; -1 if none.
     */
    int leastLoaded(Capacity demand, IntPredicate excluded) {
        while (fewest < byCount.size() && byCount.get(fewest).isEmpty()) {
            fewest++;
        }
        for (int n = fewest; n < byCount.size(); n++) {
            BitSet level = byCount.get(n);
            for (int slot = level.nextSetBit(0); slot >= 0; slot = level.nextSetBit(slot + 1)) {
                if (fits(slot, capacity[slot], demand) && !excluded.test(slot)) {
                    return slot;
                }
            }
        }
        return -1;
    }

    /**
     * The candidate with the most resources, ties to the lowest slot, that has room for the demand and that
     * {@code excluded} does not reject; -1 if none.
     */
    int mostLoaded(Capacity demand, IntPredicate excluded) {
        for (int n = byCount.size() - 1; n >= 0; n--) {
            BitSet level = byCount.get(n);
            for (int slot = level.nextSetBit(0); slot >= 0; slot = level.nextSetBit(slot + 1)) {
                if (fits(slot, capacity[slot], demand) && !excluded.test(slot)) {
                    return slot;
                }
            }
        }
        return -1;
    }

    /** The candidate with the lowest slot that has room for the demand and that {@code excluded} does not reject. */
    int firstFitting(Capacity demand, IntPredicate excluded) {
        for (int slot = candidates.nextSetBit(0); slot >= 0; slot = candidates.nextSetBit(slot + 1)) {
            if (fits(slot, capacity[slot], demand) && !excluded.test(slot)) {
                return slot;
            }
        }
        return -1;
    }

    private boolean fits(int slot, int cpus, long memoryMb) {
        return cpus <= Math.max(0, capacity[slot].cpus() - usedCpus[slot])
                && memoryMb <= Math.max(0L, capacity[slot].memoryMb() - usedMemory[slot]);
    }

    private BitSet level(int n) {
        while (byCount.size() <= n) {
            byCount.add(new BitSet());
        }
        return byCount.get(n);
    }
}
