package org.basket.core;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import org.basket.api.cluster.ClusterSnapshot;
import org.basket.api.coordination.CoordinationException;
import org.basket.api.coordination.ObservationShare;
import org.basket.api.driver.DriverException;
import org.basket.api.model.HostState;
import org.basket.api.model.HostStatus;
import org.basket.api.model.ResourceStatus;
import org.basket.core.driver.DriverRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Host observation shared out among the managers (docs/manager-ha.md). On the leader: a host that a follower covers is
 * not reconciled by the leader itself, except at every {@link #OWN_RECONCILE_EVERY}th of its reconcile times; after each
 * turn the leader publishes per host a digest of what it believes runs there; a follower's news about a host it holds
 * makes the leader poll the host within a turn, at most {@link ObservationShare#MAX_NEWS} hosts per follower and
 * reconcile interval. On a follower: it polls the hosts it holds itself, a slice at each look so that each is asked
 * once per reconcile interval (its observer leaves their reconciles to this), compares each answer with the leader's
 * digest and reports a difference that outlasts {@link #grace} as news, and tells that it swept once it asked every host
 * it holds; an answer that differs from its own view is news for its own observer. The leader never takes a follower's
 * answer as its own: it only polls.
 */
final class SharedReconcile {
    private static final Logger LOG = LoggerFactory.getLogger(SharedReconcile.class);
    /** The leader reconciles a covered host itself once in this many reconcile times: a silent follower costs a delay. */
    static final int OWN_RECONCILE_EVERY = 10;
    /** The longest wait for one host's answer in a follower's sweep. */
    private static final Duration POLL_LIMIT = Duration.ofSeconds(30);

    private final Supplier<ClusterSnapshot> snapshots;
    private final Leadership leadership;
    private final Consumer<String> pollHost;
    /** A host's active domains, asked of its driver; empty when it cannot be asked. */
    private final Function<String, Optional<Set<String>>> listActive;
    private final EngineTime time;
    /** The follower's sweep polls, on 4 threads, while started. */
    private volatile ExecutorService sweepers;
    /** The follower's sweep: the hosts it holds, in order, and how far it got. */
    private List<String> sweepOrder = List.of();
    private int sweepAt;
    /** What a follower's poll of a host found, while it differs from the leader's digest. */
    private final Map<String, String> answers = new HashMap<>();
    private ClusterSnapshot digestsOf;
    private Map<String, String> digestsCache = Map.of();
    private final BiConsumer<String, String> newsListener = this::heard;
    private volatile ObservationShare share;
    private volatile Duration interval = Duration.ZERO;
    private volatile Duration tick = Duration.ofSeconds(1);
    /** Whether observation is shared at all (observation.sharing): off, this manager reconciles every host itself. */
    private volatile boolean enabled = true;
    private volatile boolean leading;
    private volatile boolean following;
    private volatile boolean published;
    /** The thread that looks after the share every tick, while started. */
    private volatile Thread ticker;
    private final EngineTime.Signal wake;
    private ClusterSnapshot lastPublished;
    private final Map<String, Integer> skipped = new ConcurrentHashMap<>();
    /** Per follower: the start of its current news window and the hosts heard from it within. */
    private final Map<String, Instant> newsWindow = new ConcurrentHashMap<>();
    private final Map<String, Integer> newsCount = new ConcurrentHashMap<>();
    private final Map<String, Instant> differsSince = new HashMap<>();
    private final Map<String, Instant> reportedAt = new HashMap<>();
    private final AtomicLong newsTaken = new AtomicLong();
    private final AtomicLong newsDropped = new AtomicLong();
    private final AtomicLong reconcilesSkipped = new AtomicLong();
    private final AtomicLong sweepPolls = new AtomicLong();

    /**
     * @param snapshots the manager's latest snapshot: what it believes runs where, and the hosts configured
     * @param pollHost  news about a host: poll it within the next turn, and wake the loop
     */
    SharedReconcile(Supplier<ClusterSnapshot> snapshots, Leadership leadership, Consumer<String> pollHost,
            Function<String, Optional<Set<String>>> listActive, EngineTime time) {
        this.snapshots = snapshots;
        this.leadership = leadership;
        this.pollHost = pollHost;
        this.listActive = listActive;
        this.time = time;
        this.wake = time.signal();
    }

    /**
     * The reconcile interval (zero: none, nothing is shared), how often the share is looked after, and whether
     * observation is shared at all.
     */
    synchronized void configure(Duration reconcileInterval, Duration every, boolean sharing) {
        interval = reconcileInterval;
        tick = every.isZero() || every.isNegative() ? Duration.ofSeconds(1) : every;
        enabled = sharing;
        changed();
    }

    synchronized void bind(ObservationShare value) {
        if (share != null) {
            share.removeNewsListener(newsListener);
        }
        share = value;
        value.addNewsListener(newsListener);
        changed();
    }

    synchronized void unbind(ObservationShare value) {
        if (share == value) {
            value.removeNewsListener(newsListener);
            share = null;
            changed();
        }
    }

    /** Looks after the share from now on, while one is bound and sharing is on; again after {@link #stop}. */
    synchronized void start() {
        if (ticker == null) {
            sweepers = time.pool("basket-observation-sweep", 4);
            ticker = time.start("basket-observation-share", this::lookAfter);
        }
    }

    /** Stops looking after the share: this manager reconciles every host itself until it {@link #start}s again. */
    synchronized void stop() {
        if (ticker != null) {
            ticker.interrupt();
            ticker = null;
            sweepers.shutdownNow();
            sweepers = null;
            forget();
        }
    }

    /** The settings or the share changed: the ticker takes them at once. */
    private void changed() {
        if (!shares()) {
            forget();
        }
        wake.raise();
    }

    /** Whether this manager shares observation now: started, a share bound, sharing on and a reconcile interval. */
    private boolean shares() {
        return ticker != null && enabled && share != null && !interval.isZero() && !interval.isNegative();
    }

    /** Nothing is shared: this manager neither skips a reconcile nor takes news as leader, nor sweeps as follower. */
    private void forget() {
        leading = false;
        following = false;
        published = false;
        lastPublished = null;
    }

    /** The ticker: one look after the share every tick, the first at once, until it is stopped. */
    private void lookAfter() {
        long next = time.nanoTime();
        while (isTicker()) {
            Duration every = tick;
            if (shares()) {
                try {
                    tick();
                } catch (RuntimeException e) {
                    LOG.warn("Observation share: {}", e.toString());
                }
            } else {
                forget();
            }
            next += every.toNanos();
            try {
                if (wake.awaitAndClear(Duration.ofNanos(Math.max(0, next - time.nanoTime())))) {
                    next = time.nanoTime(); // new settings or another share: look at once, then every tick from there
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized boolean isTicker() {
        return ticker == Thread.currentThread();
    }

    /**
     * Asked by the observer when the host's reconcile is due: whether a follower reconciles it instead, so that this
     * manager, leading, skips its own poll.
     */
    boolean reconciledElsewhere(String host) {
        if (!shares()) {
            return false;
        }
        ObservationShare current = share;
        Duration every = interval;
        if (current != null && following && !every.isZero()
                && current.holder(host).equals(Optional.of(leadership.managerId()))) {
            return true; // a follower's own sweep asks the hosts it holds
        }
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

    /**
     * As leader: follower news taken (polled) and dropped (not its host, not configured, over its bound), reconciles left
     * to a follower; as follower: the polls of its sweeps.
     */
    long[] counts() {
        return new long[] {newsTaken.get(), newsDropped.get(), reconcilesSkipped.get(), sweepPolls.get()};
    }

    /** The digest of what the snapshot says runs on the host, and whether it is in contact: the same on every manager. */
    static String digest(String host, HostStatus status, Set<String> resources) {
        return digest(host, status != null && (status.state().isActionable() || status.state() == HostState.MAINTENANCE),
                resources);
    }

    static String digest(String host, boolean inContact, Set<String> resources) {
        long hash = 0xcbf29ce484222325L;
        for (String resource : resources) {
            for (byte b : (resource + "\n").getBytes(StandardCharsets.UTF_8)) {
                hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
            }
        }
        return (inContact ? "up:" : "down:") + resources.size() + ":" + Long.toHexString(hash);
    }

    /** A host's active domains as its driver lists them, empty when it cannot be asked. */
    static Function<String, Optional<Set<String>>> listing(DriverRegistry drivers) {
        return host -> drivers.driverFor(host).flatMap(driver -> {
            try {
                Set<String> active = new HashSet<>();
                driver.domains(host).stream().filter(d -> d.state().isActive()).forEach(d -> active.add(d.name()));
                return Optional.of(active);
            } catch (DriverException | RuntimeException e) {
                return Optional.empty();
            }
        });
    }

    /** The digests of the hosts the snapshot has probed. */
    static Map<String, String> digests(ClusterSnapshot snapshot) {
        Map<String, Set<String>> running = new HashMap<>();
        for (ResourceStatus resource : snapshot.state().resources().values()) {
            var configured = snapshot.config().resources().get(resource.name());
            if (configured != null && !configured.hasContainer()) { // what a host's driver lists: no guest services
                resource.activeOn().forEach(h -> running.computeIfAbsent(h, x -> new TreeSet<>()).add(resource.name()));
            }
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

    /** One look after the share: publish as leader, compare and report as follower. */
    void tick() {
        ObservationShare current = share;
        if (current == null) {
            return;
        }
        Leadership.Standing standing = leadership.now();
        leading = standing.leads();
        ClusterSnapshot snapshot = snapshots.get();
        if (snapshot != digestsOf) {
            digestsCache = digests(snapshot);
            digestsOf = snapshot;
        }
        following = leadership.follows();
        if (standing.leads()) {
            if (snapshot != lastPublished) {
                try {
                    current.publish(standing.epoch(), digestsCache);
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
        compare(current, snapshot, time.clock().instant());
    }

    /** A follower's look: polls its next slice of hosts, compares, reports what differs and tells each sweep's end. */
    private void compare(ObservationShare current, ClusterSnapshot snapshot, Instant now) {
        if (!following) {
            return;
        }
        String me = leadership.managerId();
        if (sweepAt >= sweepOrder.size()) {
            sweepOrder = snapshot.config().hosts().keySet().stream().filter(h -> current.holder(h).equals(Optional.of(me)))
                    .sorted().toList();
            sweepAt = 0;
        }
        long slice = Math.max(1, (sweepOrder.size() * tick.toMillis() + interval.toMillis() - 1) / interval.toMillis());
        List<String> hosts = sweepOrder.subList(sweepAt, (int) Math.min(sweepOrder.size(), sweepAt + slice));
        Map<String, String> polled = poll(hosts, snapshot);
        sweepAt += hosts.size();
        polled.forEach((host, found) -> {
            if (!found.equals(digestsCache.get(host))) {
                pollHost.accept(host); // its own view is out of date too: its own observer asks the host
            }
            answers.put(host, found);
        });
        Duration grace = grace();
        List<String> news = new ArrayList<>();
        for (String host : List.copyOf(answers.keySet())) {
            Optional<String> theirs = current.digest(host);
            if (theirs.isEmpty() || theirs.get().equals(answers.get(host)) || !current.holder(host).equals(Optional.of(me))) {
                answers.remove(host);
                differsSince.remove(host);
                continue;
            }
            Instant since = differsSince.computeIfAbsent(host, h -> now);
            Instant reported = reportedAt.get(host);
            if (!now.isBefore(since.plus(grace)) && (reported == null || !now.isBefore(reported.plus(interval)))) {
                news.add(host);
                reportedAt.put(host, now);
                answers.remove(host);
                differsSince.remove(host);
            }
        }
        reportedAt.keySet().retainAll(snapshot.config().hosts().keySet());
        try {
            if (!news.isEmpty()) {
                current.report(news);
            }
            if (sweepAt >= sweepOrder.size() && !sweepOrder.isEmpty()) {
                current.sweepDone(); // every host it holds was asked once more
            }
        } catch (CoordinationException e) {
            LOG.info("Observation share: {}", e.getMessage());
        }
    }

    /** Asks the hosts in parallel what runs there: each one's digest, as the leader's are made ("down" unanswered). */
    private Map<String, String> poll(List<String> hosts, ClusterSnapshot snapshot) {
        Map<String, String> byDomain = new HashMap<>();
        snapshot.config().resources().values().stream().filter(r -> !r.hasContainer())
                .forEach(r -> byDomain.put(r.domain(), r.name()));
        Map<String, String> found = new ConcurrentHashMap<>();
        ExecutorService pool = sweepers;
        if (pool == null) {
            return found;
        }
        List<Future<?>> calls = new ArrayList<>();
        for (String host : hosts) {
            calls.add(pool.submit(() -> {
                sweepPolls.incrementAndGet();
                Optional<Set<String>> active = listActive.apply(host);
                Set<String> resources = new TreeSet<>();
                active.orElse(Set.of()).forEach(d -> Optional.ofNullable(byDomain.get(d)).ifPresent(resources::add));
                found.put(host, digest(host, active.isPresent(), resources));
            }));
        }
        for (Future<?> call : calls) {
            try {
                time.get(call, time.nanoTime() + POLL_LIMIT.toNanos());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return found;
            } catch (ExecutionException | TimeoutException e) {
                call.cancel(true);
            }
        }
        return found;
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
        if (current == null || !shares() || !leading || !snapshot.config().hosts().containsKey(host)
                || !current.holder(host).equals(Optional.of(follower)) || !withinBound(follower)) {
            newsDropped.incrementAndGet();
            return;
        }
        newsTaken.incrementAndGet();
        pollHost.accept(host);
    }

    private synchronized boolean withinBound(String follower) {
        Instant now = time.clock().instant();
        Instant start = newsWindow.get(follower);
        if (start == null || !now.isBefore(start.plus(interval))) {
            newsWindow.put(follower, now);
            newsCount.put(follower, 0);
        }
        return newsCount.merge(follower, 1, Integer::sum) <= ObservationShare.MAX_NEWS;
    }
}
