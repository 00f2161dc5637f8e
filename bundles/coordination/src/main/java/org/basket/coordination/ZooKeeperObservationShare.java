package org.basket.coordination;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.KeeperException.Code;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.ACL;
import org.basket.api.coordination.CoordinationException;
import org.basket.api.coordination.ObservationShare;
import org.basket.api.coordination.Role;
import org.basket.api.coordination.StaleEpochException;
import org.basket.api.coordination.StateLimitException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The observation share on the coordination's nodes: the followers are read from the member nodes, the leader's
 * digests are {@link #BUCKETS} nodes under {@code observation/digest} written epoch-conditionally, a follower's news
 * and progress are ephemeral nodes of its own, which the leader follows through a {@link CuratorCache} and bounds again
 * when it reads them. Ages are taken on the ensemble's clock: the mtime of a follower's progress against the mtime of
 * the leader's own latest touch of {@code observation/clock} plus the monotonic time since it was sent.
 */
final class ZooKeeperObservationShare implements ObservationShare, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ZooKeeperObservationShare.class);
    static final Pattern HOST = Pattern.compile("[A-Za-z0-9._:@-]{1,200}");
    static final Pattern DIGEST = Pattern.compile("[A-Za-z0-9:._-]{1," + MAX_DIGEST_LENGTH + "}");
    private static final long TOUCH_EVERY_NANOS = 500_000_000L;

    private final ZooKeeperCoordination coordination;
    private final ZnodeLayout paths;
    private final List<ACL> acl;
    private final CuratorCache members;
    private final CuratorCache observation;
    private final List<BiConsumer<String, String>> listeners = new CopyOnWriteArrayList<>();
    private volatile List<String> followers = List.of();
    /** What this manager last wrote to each bucket, in {@link #writtenEpoch}. */
    private final Map<Integer, String> written = new ConcurrentHashMap<>();
    private volatile long writtenEpoch;
    private final Map<Integer, Parsed> parsed = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private volatile long clockMtime = -1;
    private volatile long clockSentNanos;
    private volatile long touchSentNanos = Long.MIN_VALUE / 2;

    private record Parsed(long mzxid, Map<String, String> digests) {
    }

    ZooKeeperObservationShare(ZooKeeperCoordination coordination, List<ACL> acl) {
        this.coordination = coordination;
        this.paths = coordination.paths();
        this.acl = acl;
        this.members = CuratorCache.build(coordination.client(), paths.members());
        this.observation = CuratorCache.build(coordination.client(), paths.observation());
        members.listenable().addListener(CuratorCacheListener.builder().forAll((type, old, now) -> followersChanged())
                .build());
        observation.listenable().addListener(CuratorCacheListener.builder()
                .forCreatesAndChanges((old, now) -> newsChanged(now)).build());
        members.start();
        observation.start();
    }

    @Override
    public Optional<String> holder(String host) {
        String best = null;
        long bestWeight = 0;
        for (String follower : followers) {
            long weight = weight(host, follower);
            if (best == null || Long.compareUnsigned(weight, bestWeight) > 0) {
                best = follower;
                bestWeight = weight;
            }
        }
        return Optional.ofNullable(best);
    }

    @Override
    public boolean covered(String host, Duration maxAge) {
        Optional<String> holder = holder(host);
        if (holder.isEmpty()) {
            return false;
        }
        Optional<ChildData> progress = observation.get(paths.progress(holder.get()));
        long now = ensembleNowMillis();
        return progress.isPresent() && progress.get().getStat() != null && now >= 0
                && now - progress.get().getStat().getMtime() < maxAge.toMillis();
    }

    @Override
    public void publish(long epoch, Map<String, String> digests) throws CoordinationException {
        SortedMap<Integer, StringBuilder> buckets = new TreeMap<>();
        for (Map.Entry<String, String> entry : new TreeMap<>(digests).entrySet()) {
            if (!HOST.matcher(entry.getKey()).matches() || !DIGEST.matcher(entry.getValue()).matches()) {
                throw new StateLimitException("digest of host '" + entry.getKey() + "' refused: a host is 1 to 200 "
                        + "characters of A-Z a-z 0-9 . _ : @ -, a digest 1 to " + MAX_DIGEST_LENGTH + " of A-Z a-z 0-9 : . _ -");
            }
            buckets.computeIfAbsent(bucketOf(entry.getKey()), b -> new StringBuilder()).append(entry.getKey()).append(' ')
                    .append(entry.getValue()).append('\n');
        }
        for (Map.Entry<Integer, StringBuilder> bucket : buckets.entrySet()) {
            if (bucket.getValue().length() > MAX_BUCKET_BYTES) {
                throw new StateLimitException("digests refused: bucket " + bucket.getKey() + " would hold "
                        + bucket.getValue().length() + " bytes, at most " + MAX_BUCKET_BYTES);
            }
        }
        if (epoch != writtenEpoch) {
            written.clear();
            writtenEpoch = epoch;
        }
        try {
            ZooKeeper zk = coordination.zooKeeper();
            createIfAbsent(zk, paths.observation());
            createIfAbsent(zk, paths.observation() + "/digest");
            for (int bucket = 0; bucket < BUCKETS; bucket++) {
                StringBuilder content = buckets.get(bucket);
                String text = content == null ? "" : content.toString();
                String before = written.get(bucket);
                if (before == null) {
                    Optional<ChildData> cached = observation.get(paths.digest(bucket));
                    before = cached.map(c -> new String(c.getData(), StandardCharsets.UTF_8)).orElse("");
                }
                if (!text.equals(before)) {
                    write(zk, epoch, bucket, text.getBytes(StandardCharsets.UTF_8));
                }
                written.put(bucket, text);
            }
        } catch (KeeperException e) {
            throw new CoordinationException("publishing the digests failed: ZooKeeper answered " + e.code(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CoordinationException("publishing the digests interrupted", e);
        }
    }

    @Override
    public Optional<String> digest(String host) {
        int bucket = bucketOf(host);
        Optional<ChildData> node = observation.get(paths.digest(bucket));
        if (node.isEmpty() || node.get().getStat() == null) {
            return Optional.empty();
        }
        long mzxid = node.get().getStat().getMzxid();
        Parsed known = parsed.get(bucket);
        if (known == null || known.mzxid() != mzxid) {
            known = new Parsed(mzxid, parseDigests(node.get().getData()));
            parsed.put(bucket, known);
        }
        return Optional.ofNullable(known.digests().get(host));
    }

    @Override
    public void report(Collection<String> hosts) throws CoordinationException {
        if (coordination.role().kind() != Role.Kind.FOLLOWER || hosts.isEmpty()) {
            return; // only a follower's news count; a leader polls by itself
        }
        StringBuilder text = new StringBuilder("seq=" + sequence.incrementAndGet() + "\n");
        int count = 0;
        for (String host : new LinkedHashSet<>(hosts)) {
            if (count == MAX_NEWS || text.length() + host.length() + 1 > MAX_NEWS_BYTES) {
                break;
            }
            if (HOST.matcher(host).matches()) {
                text.append(host).append('\n');
                count++;
            }
        }
        writeOwn(paths.news(coordination.managerId()), text.toString(), "news");
    }

    @Override
    public void sweepDone() throws CoordinationException {
        if (coordination.role().kind() == Role.Kind.FOLLOWER) {
            writeOwn(paths.progress(coordination.managerId()), "sweep=" + sequence.incrementAndGet() + "\n", "progress");
        }
    }

    @Override
    public void addNewsListener(BiConsumer<String, String> listener) {
        listeners.add(listener);
    }

    @Override
    public void removeNewsListener(BiConsumer<String, String> listener) {
        listeners.remove(listener);
    }

    @Override
    public void close() {
        observation.close();
        members.close();
    }

    /** The bucket of a host: the same on every manager. */
    static int bucketOf(String host) {
        return (int) Long.remainderUnsigned(mix(fnv(host.getBytes(StandardCharsets.UTF_8), 0xcbf29ce484222325L)),
                BUCKETS);
    }

    /** Rendezvous weight of a host at a follower: the highest holds the host. */
    static long weight(String host, String follower) {
        long hash = fnv(host.getBytes(StandardCharsets.UTF_8), 0xcbf29ce484222325L);
        hash = fnv(new byte[] {0}, hash);
        return mix(fnv(follower.getBytes(StandardCharsets.UTF_8), hash));
    }

    /** The host names in news, as the leader reads them: within the bounds, whatever was written. */
    static List<String> parseNews(byte[] data) {
        List<String> names = new ArrayList<>();
        String text = new String(data == null ? new byte[0] : Arrays.copyOf(data, Math.min(data.length, MAX_NEWS_BYTES)),
                StandardCharsets.UTF_8);
        Set<String> seen = new LinkedHashSet<>();
        for (String line : text.split("\n")) {
            if (seen.size() == MAX_NEWS) {
                break;
            }
            if (!line.startsWith("seq=") && HOST.matcher(line).matches()) {
                seen.add(line);
            }
        }
        names.addAll(seen);
        return names;
    }

    private static Map<String, String> parseDigests(byte[] data) {
        Map<String, String> digests = new TreeMap<>();
        String text = new String(data == null ? new byte[0] : Arrays.copyOf(data, Math.min(data.length, MAX_BUCKET_BYTES)),
                StandardCharsets.UTF_8);
        for (String line : text.split("\n")) {
            int space = line.indexOf(' ');
            if (space > 0) {
                digests.put(line.substring(0, space), line.substring(space + 1));
            }
        }
        return digests;
    }

    private void followersChanged() {
        String prefix = paths.members() + "/";
        followers = members.stream().filter(node -> node.getPath().startsWith(prefix))
                .filter(node -> MemberRecord.member("-", node.getData()).kind() == Role.Kind.FOLLOWER)
                .map(node -> node.getPath().substring(prefix.length())).sorted().toList();
    }

    private void newsChanged(ChildData node) {
        String prefix = paths.observation() + "/news/";
        if (!node.getPath().startsWith(prefix)) {
            return;
        }
        String follower = node.getPath().substring(prefix.length());
        if (follower.equals(coordination.managerId())) {
            return;
        }
        for (String host : parseNews(node.getData())) {
            for (BiConsumer<String, String> listener : listeners) {
                try {
                    listener.accept(follower, host);
                } catch (RuntimeException e) {
                    LOG.warn("Observation share: a news listener failed", e);
                }
            }
        }
    }

    /** The ensemble's time now, from the last touch of the clock node; -1 before one answered. */
    private long ensembleNowMillis() {
        long sent = System.nanoTime();
        if (sent - touchSentNanos > TOUCH_EVERY_NANOS) {
            touchSentNanos = sent;
            touch(sent);
        }
        long mtime = clockMtime;
        return mtime < 0 ? -1 : mtime + (System.nanoTime() - clockSentNanos) / 1_000_000;
    }

    private void touch(long sent) {
        try {
            ZooKeeper zk = coordination.zooKeeper();
            zk.setData(paths.clock(), new byte[0], -1, (rc, path, ctx, stat) -> {
                if (rc == Code.OK.intValue() && sent - clockSentNanos > 0) {
                    clockMtime = stat.getMtime();
                    clockSentNanos = sent;
                } else if (rc == Code.NONODE.intValue()) {
                    try {
                        createIfAbsent(coordination.zooKeeper(), paths.observation());
                        createIfAbsent(coordination.zooKeeper(), paths.clock());
                    } catch (KeeperException | InterruptedException e) {
                        LOG.debug("Observation share: cannot create the clock node: {}", e.toString());
                    }
                    touchSentNanos = Long.MIN_VALUE / 2;
                }
            }, null);
        } catch (KeeperException e) {
            // not connected: no new reading, ages keep growing on the monotonic clock
        }
    }

    private void write(ZooKeeper zk, long epoch, int bucket, byte[] data)
            throws KeeperException, InterruptedException, StaleEpochException {
        String what = "digest bucket " + bucket;
        String node = paths.digest(bucket);
        for (int attempt = 0; attempt < 3; attempt++) { // created or removed meanwhile: look again
            Op change = zk.exists(node, false) != null ? Op.setData(node, data, -1)
                    : Op.create(node, data, acl, CreateMode.PERSISTENT);
            Code code = EpochCommit.commit(zk, paths.epoch(), epoch, what, change);
            if (code == Code.OK) {
                return;
            }
            if (code != Code.NONODE && code != Code.NODEEXISTS) {
                break;
            }
        }
        throw new KeeperException.BadVersionException(node);
    }

    private void writeOwn(String node, String text, String what) throws CoordinationException {
        try {
            coordination.client().create().orSetData().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL)
                    .withACL(acl).forPath(node, text.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new CoordinationException("writing this follower's " + what + " failed: " + e, e);
        }
    }

    private void createIfAbsent(ZooKeeper zk, String path) throws KeeperException, InterruptedException {
        try {
            zk.create(path, new byte[0], acl, CreateMode.PERSISTENT);
        } catch (KeeperException.NodeExistsException e) {
            // made before
        }
    }

    private static long fnv(byte[] bytes, long hash) {
        for (byte b : bytes) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        return hash;
    }

    /** splitmix64's finalizer: every input bit moves every output bit. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
