package org.basket.scheduler;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.basket.api.plan.Action;
import org.basket.api.plan.Ordering;

/**
 * A deterministic sequential order of actions that respects every ordering: fences first, then by kind and name.
 *
 * <p>Kahn's algorithm on numbered actions: each action's place in the tie-break order is computed once (one sort),
 * so the ready actions wait in a heap of integers, and the orderings become arrays of successors.
 */
final class TopologicalOrder {
    private TopologicalOrder() {
    }

    static List<Action> sort(Collection<Action> actions, Collection<Ordering> orderings) {
        Map<Action, Integer> numbers = new HashMap<>(actions.size() * 4 / 3 + 1);
        List<Action> nodes = new ArrayList<>(actions.size());
        for (Action action : actions) {
            number(action, numbers, nodes);
        }
        int known = nodes.size();
        int[] firsts = new int[orderings.size()];
        int[] thens = new int[orderings.size()];
        int o = 0;
        for (Ordering ordering : orderings) {
            firsts[o] = number(ordering.first(), numbers, nodes);
            thens[o] = number(ordering.then(), numbers, nodes);
            o++;
        }
        return sort(actions, nodes, known, firsts, thens, o);
    }

    /**
     * The same for numbered actions: ordering {@code i} is {@code actions.get(firsts[i]) -> actions.get(thens[i])}.
     *
     * @param actions distinct actions
     */
    static List<Action> sort(List<Action> actions, int[] firsts, int[] thens, int orderings) {
        return sort(actions, actions, actions.size(), firsts, thens, orderings);
    }

    /**
     * @param actions the actions to sort, as given
     * @param nodes   the distinct actions, then those that only orderings name (they never run)
     * @param known   how many of {@code nodes} are actions to sort
     */
    private static List<Action> sort(Collection<Action> actions, List<Action> nodes, int known, int[] firsts,
                                     int[] thens, int orderings) {
        int n = nodes.size();
        int[] blockers = new int[n];
        int[] successorStart = new int[n + 1];
        boolean[] reachable = new boolean[n]; // listed or waited for: an action only ever named first never runs
        Arrays.fill(reachable, 0, known, true);
        for (int i = 0; i < orderings; i++) {
            blockers[thens[i]]++;
            successorStart[firsts[i] + 1]++;
            reachable[thens[i]] = true;
        }
        for (int i = 0; i < n; i++) {
            successorStart[i + 1] += successorStart[i];
        }
        int[] successors = new int[orderings];
        int[] fill = Arrays.copyOf(successorStart, n);
        for (int i = 0; i < orderings; i++) {
            successors[fill[firsts[i]]++] = thens[i];
        }

        // rank[i]: the action's place in the tie-break order (kind, then text)
        String[] texts = new String[n];
        Integer[] byTieBreak = new Integer[n];
        for (int i = 0; i < n; i++) {
            texts[i] = nodes.get(i).toString();
            byTieBreak[i] = i;
        }
        Arrays.sort(byTieBreak, (a, b) -> {
            int byKind = Integer.compare(kind(nodes.get(a)), kind(nodes.get(b)));
            return byKind != 0 ? byKind : texts[a].compareTo(texts[b]);
        });
        int[] rank = new int[n];
        for (int r = 0; r < n; r++) {
            rank[byTieBreak[r]] = r;
        }

        Heap ready = new Heap(n);
        for (int i = 0; i < n; i++) {
            if (blockers[i] == 0 && reachable[i]) {
                ready.add(rank[i]);
            }
        }
        List<Action> sorted = new ArrayList<>(actions.size());
        while (!ready.isEmpty()) {
            int next = byTieBreak[ready.poll()];
            sorted.add(nodes.get(next));
            for (int s = successorStart[next]; s < successorStart[next + 1]; s++) {
                if (--blockers[successors[s]] == 0) {
                    ready.add(rank[successors[s]]);
                }
            }
        }
        if (sorted.size() != actions.size()) {
            Set<Action> done = new HashSet<>(sorted);
            throw new IllegalStateException("orderings form a cycle among: " + actions.stream()
                    .filter(a -> !done.contains(a)).map(Action::toString).sorted().toList());
        }
        return sorted;
    }

    private static int number(Action action, Map<Action, Integer> numbers, List<Action> nodes) {
        Integer number = numbers.putIfAbsent(action, nodes.size());
        if (number != null) {
            return number;
        }
        nodes.add(action);
        return nodes.size() - 1;
    }

    private static int kind(Action action) {
        if (action instanceof Action.Fence) {
            return 0;
        }
        if (action instanceof Action.Stop) {
            return 1;
        }
        if (action instanceof Action.Migrate) {
            return 2;
        }
        return 3;
    }

    /** A binary min-heap of ints. */
    private static final class Heap {
        private final int[] items;
        private int size;

        Heap(int capacity) {
            items = new int[Math.max(1, capacity)];
        }

        boolean isEmpty() {
            return size == 0;
        }

        void add(int item) {
            int i = size++;
            while (i > 0 && items[(i - 1) / 2] > item) {
                items[i] = items[(i - 1) / 2];
                i = (i - 1) / 2;
            }
            items[i] = item;
        }

        int poll() {
            int top = items[0];
            int last = items[--size];
            int i = 0;
            while (2 * i + 1 < size) {
                int child = 2 * i + 1;
                if (child + 1 < size && items[child + 1] < items[child]) {
                    child++;
                }
                if (items[child] >= last) {
                    break;
                }
                items[i] = items[child];
                i = child;
            }
            items[i] = last;
            return top;
        }
    }
}
