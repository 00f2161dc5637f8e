package org.basket.core;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.basket.api.cluster.ClusterSnapshot;
import org.basket.api.coordination.CoordinationException;
import org.basket.api.coordination.ObservationShare;
import org.basket.api.model.HostState;
import org.basket.api.model.HostStatus;
import org.basket.api.model.ResourceStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Host observation shared out among the managers (docs/manager-ha.md). On the leader: a host that a follower covers is
 * not reconciled by the leader itself, except at every {@link #OWN_RECONCILE_EVERY}th of its reconcile times; after each
 * turn the leader publishes per host a digest of what it believes runs there; a follower's news about a host it holds
 * makes the leader poll the host within a turn, at most {@link ObservationShare#MAX_NEWS} hosts per follower and
 * reconcile interval. On a follower: its own observation of the hosts it holds is compared with the leader's digests,
 * and a difference that outlasts {@link #grace} is reported as news; once per reconcile interval, while its loop turns,
 * it tells that it swept. The leader never takes a follower's answer as its own: it only polls.
 */
final class SharedReconcile implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SharedReconcile.class);
    /** The leader reconciles a covered host itself once in this many reconcile times: a silent follower costs a delay. */
    static final int OWN_RECONCILE_EVERY = 10;

    private final Supplier<ClusterSnapshot> snapshots;
    private final Leadership leadership;
    private final Consumer<String> pollHost;
    private final Clock clock;
    private final BiConsumer<String, String> newsListener = this::heard;
    private volatile ObservationShare share;
    private volatile Duration interval = Duration.ZERO;
    private volatile Duration tick = Duration.ofSeconds(1);
    private volatile boolean leading;
    private volatile boolean published;
    private ScheduledExecutorService ticker;
    private ClusterSnapshot lastPublished;
    private final Map<String, Integer> skipped = new ConcurrentHashMap<>();
    /** Per follower: the start of its current news window and the hosts heard from it within. */
    private final Map<String, Instant> newsWindow = new ConcurrentHashMap<>();
    private final Map<String, Integer> newsCount = new ConcurrentHashMap<>();
    private final Map<String, Instant> differsSince = new HashMap<>();
    private final Map<String, Instant> reportedAt = new HashMap<>();
    private Instant lastSweep;
    private ClusterSnapshot sweptUpTo;
    private final AtomicLong newsTaken = new AtomicLong();
    private final AtomicLong newsDropped = new AtomicLong();
    private final AtomicLong reconcilesSkipped = new AtomicLong();

    /**
     * @param snapshots the manager's latest snapshot: what it believes runs where, and the hosts configured
     * @param pollHost  news about a host: poll it within the next turn, and wake the loop
     */
    SharedReconcile(Supplier<ClusterSnapshot> snapshots, Leadership leadership, Consumer<String> pollHost, Clock clock) {
        this.snapshots = snapshots;
        this.leadership = leadership;
        this.pollHost = pollHost;
        this.clock = clock;
    }

    /** The reconcile interval (zero: none, nothing is shared) and how often the share is looked after. */
    synchronized void configure(Duration reconcileInterval, Duration every) {
        interval = reconcileInterval;
        tick = every.isZero() || every.isNegative() ? Duration.ofSeconds(1) : every;
        restart();
    }

    synchronized void bind(ObservationShare value) {
        if (share != null) {
            share.removeNewsListener(newsListener);
        }
        share = value;
        value.addNewsListener(newsListener);
        restart();
    }

    synchronized void unbind(ObservationShare value) {
        if (share == value) {
            value.removeNewsListener(newsListener);
            share = null;
            published = false;
            restart();
        }
    }

    @Override
    public synchronized void close() {
        if (ticker != null) {
            ticker.shutdownNow();
            ticker = null;
        }
    }

    /**
     * Asked by the observer when the host's reconcile is due: whether a follower reconciles it instead, so that this
     * manager, leading, skips its own poll.
     */
    boolean reconciledElsewhere(String host) {
        ObservationShare current = share;
        Duration every = interval;
        if (current == null || !leading || !published || every.isZero() || !current.covered(host, every.multipliedBy(2))) {
            skipped.remove(host);
            return false;
        }
        if (skipped.merge(host, 1, Integer::sum) >= OWN_RECONCILE_EVERY) {
            skipped.remove(host);
            return false;
        }
        reconcilesSkipped.incrementAndGet();
        return true;
    }

    /** Follower news taken (polled) and dropped (not its host, not configured, over its bound); reconciles skipped. */
    long[] counts() {
        return new long[] {newsTaken.get(), newsDropped.get(), reconcilesSkipped.get()};
    }

    /** The digest of what the snapshot says runs on the host, and whether it is in contact: the same on every manager. */
    static String digest(String host, HostStatus status, Set<String> resources) {
        boolean inContact = status != null && (status.state().isActionable() || status.state() == HostState.MAINTENANCE);
        long hash = 0xcbf29ce484222325L;
        for (String resource : resources) {
            for (byte b : (resource + "\n").getBytes(StandardCharsets.UTF_8)) {
                hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
            }
        }
        return (inContact ? "up:" : "down:") + resources.size() + ":" + Long.toHexString(hash);
    }

    /** The digests of the hosts the snapshot has probed. */
    static Map<String, String> digests(ClusterSnapshot snapshot) {
        Map<String, Set<String>> running = new HashMap<>();
        for (ResourceStatus resource : snapshot.state().resources().values()) {
            resource.activeOn().forEach(h -> running.computeIfAbsent(h, x -> new TreeSet<>()).add(resource.name()));
        }
        Map<String, String> digests = new HashMap<>();
        for (String host : snapshot.config().hosts().keySet()) {
            HostStatus status = snapshot.state().hosts().get(host);
            if (status != null && status.probed()) { // a host not yet asked is no belief to compare with
                digests.put(host, digest(host, status, running.getOrDefault(host, Set.of())));
            }
        }
        return digests;
    }

    private void restart() {
        close();
        if (share != null && !interval.isZero() && !interval.isNegative()) {
            ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "basket-observation-share");
                thread.setDaemon(true);
                return thread;
            });
            ticker.scheduleWithFixedDelay(this::tickSafely, 0, tick.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void tickSafely() {
        try {
            tick();
        } catch (RuntimeException e) {
            LOG.warn("Observation share: {}", e.toString());
        }
    }

    /** One look after the share: publish as leader, compare and report as follower. */
    void tick() {
        ObservationShare current = share;
        if (current == null) {
            return;
        }
        Leadership.Standing standing = leadership.now();
        leading = standing.leads();
        ClusterSnapshot snapshot = snapshots.get();
        if (standing.leads()) {
            if (snapshot != lastPublished) {
                try {
                    current.publish(standing.epoch(), digests(snapshot));
                    lastPublished = snapshot;
                    published = true;
                } catch (CoordinationException e) {
                    published = false;
                    LOG.info("Observation share: digests not published, this manager reconciles every host itself: {}",
                            e.getMessage());
                }
            }
            return;
        }
        published = false;
        lastPublished = null;
        compare(current, snapshot, clock.instant());
    }

    private void compare(ObservationShare current, ClusterSnapshot snapshot, Instant now) {
        String me = leadership.managerId();
        Duration grace = grace();
        Map<String, String> mine = digests(snapshot);
        List<String> news = new ArrayList<>();
        boolean allProbed = snapshot.config().hosts().keySet().stream()
                .allMatch(h -> mine.containsKey(h) || !current.holder(h).equals(Optional.of(me)));
        for (Map.Entry<String, String> host : mine.entrySet()) {
            String name = host.getKey();
            Optional<String> theirs = current.digest(name);
            if (theirs.isEmpty() || !current.holder(name).equals(Optional.of(me)) || theirs.get().equals(host.getValue())) {
                differsSince.remove(name);
                continue;
            }
            Instant since = differsSince.computeIfAbsent(name, h -> now);
            Instant reported = reportedAt.get(name);
            if (!now.isBefore(since.plus(grace)) && (reported == null || !now.isBefore(reported.plus(interval)))) {
                news.add(name);
                reportedAt.put(name, now);
                differsSince.remove(name);
            }
        }
        differsSince.keySet().retainAll(mine.keySet());
        reportedAt.keySet().retainAll(mine.keySet());
        try {
            if (!news.isEmpty()) {
                current.report(news);
            }
            if (allProbed && snapshot != sweptUpTo && (lastSweep == null || !now.isBefore(lastSweep.plus(interval)))) {
                current.sweepDone(); // its loop turned since: its own reconciles of these hosts go on
                lastSweep = now;
                sweptUpTo = snapshot;
            }
        } catch (CoordinationException e) {
            LOG.info("Observation share: {}", e.getMessage());
        }
    }

    /** How long a difference must last before it is news: the leader's digests follow its turns. */
    private Duration grace() {
        Duration three = tick.multipliedBy(3);
        return three.compareTo(Duration.ofSeconds(2)) < 0 ? Duration.ofSeconds(2) : three;
    }

    /** A follower's news about a host: polled within the next turn if it is that follower's and within its bound. */
    private void heard(String follower, String host) {
        ObservationShare current = share;
        ClusterSnapshot snapshot = snapshots.get();
        if (current == null || !leading || !snapshot.config().hosts().containsKey(host)
                || !current.holder(host).equals(Optional.of(follower)) || !withinBound(follower)) {
            newsDropped.incrementAndGet();
            return;
        }
        newsTaken.incrementAndGet();
        pollHost.accept(host);
    }

    private synchronized boolean withinBound(String follower) {
        Instant now = clock.instant();
        Instant start = newsWindow.get(follower);
        if (start == null || !now.isBefore(start.plus(interval))) {
            newsWindow.put(follower, now);
            newsCount.put(follower, 0);
        }
        return newsCount.merge(follower, 1, Integer::sum) <= ObservationShare.MAX_NEWS;
    }
}
