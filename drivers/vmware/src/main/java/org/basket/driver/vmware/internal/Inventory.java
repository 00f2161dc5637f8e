package org.basket.driver.vmware.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import com.vmware.vim25.ManagedObjectReference;
import com.vmware.vim25.ObjectUpdate;
import com.vmware.vim25.PropertyChange;
import com.vmware.vim25.PropertyFilterUpdate;
import com.vmware.vim25.UpdateSet;

/**
 * What the endpoint last told of its hosts, VMs, clusters and recent tasks: the properties of each object,
 * kept current by the PropertyCollector's updates. Readers wait on it for a condition (a task's end, a
 * power state) instead of polling the endpoint.
 */
final class Inventory {
    /** One object's properties by path, and its type. */
    record Entry(String moid, String type, Map<String, Object> properties) {
        Object get(String path) {
            return properties.get(path);
        }

        String text(String path) {
            Object value = properties.get(path);
            return value == null ? null : value instanceof ManagedObjectReference ref ? ref.get_value() : value.toString();
        }
    }

    /** A property that changed: its object, the path and the value before (null: none). */
    record Change(Entry entry, String path, Object before) {
    }

    private final Map<String, Entry> objects = new HashMap<>();
    private String version = "";

    synchronized String version() {
        return version;
    }

    /** Applies an update set and returns what changed, in order. */
    synchronized List<Change> apply(UpdateSet updates) {
        List<Change> changes = new ArrayList<>();
        version = updates.getVersion();
        for (PropertyFilterUpdate filter : orEmpty(updates.getFilterSet())) {
            for (ObjectUpdate update : orEmpty(filter.getObjectSet())) {
                apply(update, changes);
            }
        }
        notifyAll();
        return changes;
    }

    private void apply(ObjectUpdate update, List<Change> changes) {
        String moid = update.getObj().get_value();
        String kind = String.valueOf(update.getKind());
        if (kind.equals("leave")) {
            Entry gone = objects.remove(moid);
            if (gone != null) {
                changes.add(new Change(gone, "leave", null));
            }
            return;
        }
        Entry entry = objects.computeIfAbsent(moid, id -> new Entry(id, update.getObj().getType(), new HashMap<>()));
        for (PropertyChange change : orEmpty(update.getChangeSet())) {
            Object before = String.valueOf(change.getOp()).endsWith("emove")
                    ? entry.properties().remove(change.getName())
                    : change.getVal() == null ? entry.properties().remove(change.getName())
                    : entry.properties().put(change.getName(), change.getVal());
            changes.add(new Change(entry, change.getName(), before));
        }
    }

    synchronized List<Entry> all(String type) {
        return objects.values().stream().filter(e -> e.type().equals(type))
                .map(e -> new Entry(e.moid(), e.type(), Map.copyOf(e.properties()))).toList();
    }

    synchronized Optional<Entry> get(String moid) {
        Entry e = objects.get(moid);
        return e == null ? Optional.empty() : Optional.of(new Entry(e.moid(), e.type(), Map.copyOf(e.properties())));
    }

    /**
     * Waits until the object satisfies the condition, at most {@code millis}; the object as last seen then,
     * empty if it never appeared.
     */
    synchronized Optional<Entry> await(String moid, Predicate<Entry> condition, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (true) {
            Optional<Entry> current = get(moid);
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (current.isPresent() && condition.test(current.get()) || left <= 0) {
                return current;
            }
            wait(left);
        }
    }

    /** Wakes the waiters, e.g. when the session is lost. */
    synchronized void wakeAll() {
        notifyAll();
    }

    synchronized void clear() {
        objects.clear();
        version = "";
        notifyAll();
    }

    private static <T> List<T> orEmpty(T[] array) {
        return array == null ? List.of() : List.of(array);
    }
}
