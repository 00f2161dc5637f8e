package org.basket.api.coordination;

import java.util.Optional;
import java.util.SortedMap;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A small store of keys to bytes, shared by the managers of one cluster. Every change carries the writer's epoch and
 * lands only if that epoch is still the latest, atomically with the check: a write of an older leader fails with
 * {@link StaleEpochException}, whenever it arrives. Keys are 1 to {@link #MAX_KEY_LENGTH} characters of
 * {@code [A-Za-z0-9._:@/-]}.
 */
@ProviderType
public interface SharedState {
    int MAX_KEY_LENGTH = 200;
    /** The largest value, well inside ZooKeeper's 1 MiB packet. */
    int MAX_VALUE_BYTES = 256 * 1024;
    /** The most keys the store holds. */
    int MAX_KEYS = 10_000;

    /** Sets the key to the value if {@code epoch} is the latest. */
    void write(long epoch, String key, byte[] value) throws CoordinationException;

    /** Removes the key (nothing if absent) if {@code epoch} is the latest. */
    void delete(long epoch, String key) throws CoordinationException;

    Optional<byte[]> read(String key) throws CoordinationException;

    /** Every key that starts with {@code prefix} (empty: all), in key order. */
    SortedMap<String, byte[]> readAll(String prefix) throws CoordinationException;

    /**
     * Reserves {@code count} numbers of the named counter if {@code epoch} is the latest, and returns the first one;
     * a counter starts at 1, and no number is handed out twice whoever reserves it.
     */
    long reserve(long epoch, String counter, int count) throws CoordinationException;
}
