package org.basket.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

import org.basket.api.coordination.ObservationShare;

/**
 * An observation share in memory, for one manager under test: the test says which member holds every host and whether
 * the hosts are covered, plays the leader's digests or a follower's news, and reads what the manager published,
 * reported and swept.
 */
final class MemoryObservationShare implements ObservationShare {
    private final List<BiConsumer<String, String>> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, String> digests = new ConcurrentHashMap<>();
    private final List<List<String>> reports = new CopyOnWriteArrayList<>();
    private volatile String holder;
    private volatile boolean covered;
    private volatile int publishes;
    private volatile int sweeps;

    MemoryObservationShare(String holder, boolean covered) {
        this.holder = holder;
        this.covered = covered;
    }

    @Override
    public Optional<String> holder(String host) {
        return Optional.ofNullable(holder);
    }

    @Override
    public boolean covered(String host, Duration maxAge) {
        return covered;
    }

    @Override
    public synchronized void publish(long epoch, Map<String, String> byHost) {
        digests.clear();
        digests.putAll(byHost);
        publishes++;
    }

    @Override
    public Optional<String> digest(String host) {
        return Optional.ofNullable(digests.get(host));
    }

    @Override
    public void report(Collection<String> hosts) {
        reports.add(List.copyOf(hosts));
    }

    @Override
    public synchronized void sweepDone() {
        sweeps++;
    }

    @Override
    public void addNewsListener(BiConsumer<String, String> listener) {
        listeners.add(listener);
    }

    @Override
    public void removeNewsListener(BiConsumer<String, String> listener) {
        listeners.remove(listener);
    }

    /** The leader's digest of the host, as a follower reads it. */
    void leaderBelieves(String host, String digest) {
        digests.put(host, digest);
    }

    /** A follower's news about a host, as the leader hears it. */
    void news(String follower, String host) {
        listeners.forEach(l -> l.accept(follower, host));
    }

    int publishes() {
        return publishes;
    }

    int sweeps() {
        return sweeps;
    }

    List<String> reported() {
        List<String> all = new ArrayList<>();
        reports.forEach(all::addAll);
        return all;
    }
}
