package org.basket.driver.sim;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Injected failures and hangs, guarded by the datacenter's lock. */
final class FaultTable {

    enum Effect { NONE, FAIL, HANG }

    private record Key(Operation operation, String target) implements Comparable<Key> {
        @Override
        public int compareTo(Key other) {
            int byOperation = operation.compareTo(other.operation);
            return byOperation != 0 ? byOperation : target.compareTo(other.target);
        }
    }

    private final Map<Key, Integer> failures = new TreeMap<>();
    private final Set<Key> hangs = new TreeSet<>();
    private final Set<String> failingFences = new HashSet<>();

    void failNext(Operation operation, String target, int count) {
        failures.merge(new Key(operation, target), count, Integer::sum);
    }

    void hang(Operation operation, String target) {
        hangs.add(new Key(operation, target));
    }

    void failFence(String host, boolean fail) {
        if (fail) {
            failingFences.add(host);
        } else {
            failingFences.remove(host);
        }
    }

    boolean fenceFails(String host) {
        return failingFences.contains(host);
    }

    void clear() {
        failures.clear();
        hangs.clear();
        failingFences.clear();
    }

    /** What a call of {@code operation} concerning {@code subjects} must do; consumes one failure. */
    Effect match(Operation operation, List<String> subjects) {
        for (String subject : subjects) {
            if (hangs.contains(new Key(operation, subject))) {
                return Effect.HANG;
            }
        }
        for (String subject : subjects) {
            Key key = new Key(operation, subject);
            if (failures.containsKey(key)) {
                failures.computeIfPresent(key, (k, left) -> left > 1 ? left - 1 : null);
                return Effect.FAIL;
            }
        }
        return Effect.NONE;
    }

    List<InjectedFault> list() {
        List<InjectedFault> list = new ArrayList<>();
        failures.forEach((key, left) -> list.add(new InjectedFault(key.operation, key.target, left, false)));
        hangs.forEach(key -> list.add(new InjectedFault(key.operation, key.target, 0, true)));
        return list;
    }
}
