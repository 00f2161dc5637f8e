package org.basket.core.journal;

import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

import org.basket.api.coordination.SharedState;
import org.basket.api.coordination.StaleEpochException;

/**
 * The shared state's contract in memory, for the core's tests: a write lands only in the latest epoch, which the test
 * raises as an election would. The real one, on ZooKeeper, is tested in bundles/coordination.
 */
public final class EpochState implements SharedState {
    private final SortedMap<String, byte[]> values = new TreeMap<>();
    private final SortedMap<String, Long> counters = new TreeMap<>();
    private long latest = 1;

    public synchronized void elect(long epoch) {
        latest = epoch;
    }

    @Override
    public synchronized void write(long epoch, String key, byte[] value) throws StaleEpochException {
        check(epoch, "write of " + key);
        values.put(key, value.clone());
    }

    @Override
    public synchronized void delete(long epoch, String key) throws StaleEpochException {
        check(epoch, "delete of " + key);
        values.remove(key);
    }

    @Override
    public synchronized Optional<byte[]> read(String key) {
        return Optional.ofNullable(values.get(key)).map(byte[]::clone);
    }

    @Override
    public synchronized SortedMap<String, byte[]> readAll(String prefix) {
        SortedMap<String, byte[]> found = new TreeMap<>();
        values.forEach((key, value) -> {
            if (key.startsWith(prefix)) {
                found.put(key, value.clone());
            }
        });
        return found;
    }

    @Override
    public synchronized long reserve(long epoch, String counter, int count) throws StaleEpochException {
        check(epoch, "reservation of " + counter);
        long first = counters.getOrDefault(counter, 1L);
        counters.put(counter, first + count);
        return first;
    }

    private void check(long epoch, String what) throws StaleEpochException {
        if (epoch != latest) {
            throw new StaleEpochException(epoch, what);
        }
    }
}
