package org.basket.api.coordination;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The reconcile polls of the hosts shared out among the managers. Each host belongs to one follower (rendezvous hashing
 * over the followers that are members); the leader publishes per host a digest of what it believes runs there, a
 * follower compares its own observation of its hosts with it and reports the hosts that differ as news, and the leader
 * only polls those hosts itself: nothing a follower writes is ever taken as an observation. Whatever a follower writes
 * is bounded ({@link #MAX_NEWS} names in {@link #MAX_NEWS_BYTES}) and checked again by the leader.
 */
@ProviderType
public interface ObservationShare {
    /** The digests are kept in this many nodes, a host's by a hash of its name. */
    int BUCKETS = 256;
    /** The largest digest bucket. */
    int MAX_BUCKET_BYTES = 64 * 1024;
    /** The most host names one follower's news holds, and their bytes. */
    int MAX_NEWS = 256;
    int MAX_NEWS_BYTES = 8 * 1024;
    /** A digest: 1 to 64 characters of {@code [A-Za-z0-9:._-]}. */
    int MAX_DIGEST_LENGTH = 64;

    /** The follower whose share the host is in, empty while no follower is a member. */
    Optional<String> holder(String host);

    /**
     * Leader: whether the host's follower is a member and ended a sweep of its share less than {@code maxAge} ago, by
     * the ensemble's clock (the mtime of its progress node), not the follower's.
     */
    boolean covered(String host, Duration maxAge);

    /**
     * Leader: publishes the digest of every host ({@code host -> digest}), each bucket written only if it changed,
     * every write conditional on {@code epoch} like those of the {@link SharedState}.
     *
     * @throws StaleEpochException if {@code epoch} is no longer the latest (nothing of that bucket on is written)
     * @throws StateLimitException if a host name, a digest or a bucket breaks a bound (nothing of it is written)
     */
    void publish(long epoch, Map<String, String> digests) throws CoordinationException;

    /** The digest the leader last published for the host, empty if none. */
    Optional<String> digest(String host);

    /**
     * Follower: tells the leader that its observation of these hosts differs from the leader's digest (the first
     * {@link #MAX_NEWS} names that fit in {@link #MAX_NEWS_BYTES} bytes).
     */
    void report(Collection<String> hosts) throws CoordinationException;

    /** Follower: a sweep of its share ended (every host of it observed once more). */
    void sweepDone() throws CoordinationException;

    /** Leader: hears each host name a follower reports (follower id, host), on the share's own thread. */
    void addNewsListener(BiConsumer<String, String> listener);

    void removeNewsListener(BiConsumer<String, String> listener);
}
