package org.basket.coordination;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.KeeperException.Code;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Stat;
import org.basket.api.coordination.CoordinationException;
import org.basket.api.coordination.SharedState;
import org.basket.api.coordination.StaleEpochException;
import org.basket.api.coordination.StateLimitException;

/**
 * The shared state as nodes under the chroot's {@code state}: every change is one ZooKeeper transaction whose first
 * operation checks that the epoch node's version still equals the writer's epoch, so a write of an older epoch fails
 * whenever it arrives, and nothing of it lands.
 */
final class ZooKeeperSharedState implements SharedState {
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._:@/-]{1," + MAX_KEY_LENGTH + "}");
    /** How long a reservation may go on losing the race for the counter to other writers before it gives up. */
    private static final long RESERVE_PATIENCE_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(10);

    private final ZooKeeperCoordination coordination;
    private final ZnodeLayout paths;
    private final List<ACL> acl;
    private final int maxKeys;

    ZooKeeperSharedState(ZooKeeperCoordination coordination, List<ACL> acl) {
        this(coordination, acl, MAX_KEYS);
    }

    ZooKeeperSharedState(ZooKeeperCoordination coordination, List<ACL> acl, int maxKeys) {
        this.coordination = coordination;
        this.paths = coordination.paths();
        this.acl = acl;
        this.maxKeys = maxKeys;
    }

    @Override
    public void write(long epoch, String key, byte[] value) throws CoordinationException {
        checkKey(key);
        if (value.length > MAX_VALUE_BYTES) {
            throw new StateLimitException("value of " + key + " refused: " + value.length + " bytes, at most "
                    + MAX_VALUE_BYTES);
        }
        String node = paths.stateKey(key);
        String what = "write of " + key;
        try {
            ZooKeeper zk = coordination.zooKeeper();
            while (true) {
                if (zk.exists(node, false) != null) {
                    if (commit(zk, epoch, what, Op.setData(node, value, -1)) != Code.NONODE) {
                        return;
                    }
                } else {
                    Stat state = zk.exists(paths.state(), false);
                    if (state != null && state.getNumChildren() >= maxKeys) {
                        throw new StateLimitException(what + " refused: the shared state holds " + maxKeys
                                + " keys, its most");
                    }
                    if (commit(zk, epoch, what, Op.create(node, value, acl, CreateMode.PERSISTENT)) != Code.NODEEXISTS) {
                        return;
                    }
                }
            }
        } catch (KeeperException e) {
            throw unavailable(what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CoordinationException(what + " interrupted", e);
        }
    }

    @Override
    public void delete(long epoch, String key) throws CoordinationException {
        checkKey(key);
        String what = "delete of " + key;
        try {
            commit(coordination.zooKeeper(), epoch, what, Op.delete(paths.stateKey(key), -1));
        } catch (KeeperException e) {
            throw unavailable(what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CoordinationException(what + " interrupted", e);
        }
    }

    @Override
    public Optional<byte[]> read(String key) throws CoordinationException {
        checkKey(key);
        try {
            return Optional.of(coordination.zooKeeper().getData(paths.stateKey(key), false, null));
        } catch (KeeperException.NoNodeException e) {
            return Optional.empty();
        } catch (KeeperException e) {
            throw unavailable("read of " + key, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CoordinationException("read of " + key + " interrupted", e);
        }
    }

    @Override
    public SortedMap<String, byte[]> readAll(String prefix) throws CoordinationException {
        SortedMap<String, byte[]> values = new TreeMap<>();
        try {
            ZooKeeper zk = coordination.zooKeeper();
            for (String child : zk.getChildren(paths.state(), false)) {
                String key = ZnodeLayout.keyOf(child);
                if (key.startsWith(prefix)) {
                    try {
                        values.put(key, zk.getData(paths.stateKey(key), false, null));
                    } catch (KeeperException.NoNodeException deleted) {
                        // removed while listed
                    }
                }
            }
            return values;
        } catch (KeeperException e) {
            throw unavailable("read of " + prefix + "*", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CoordinationException("read of " + prefix + "* interrupted", e);
        }
    }

    @Override
    public long reserve(long epoch, String counter, int count) throws CoordinationException {
        checkKey(counter);
        if (count < 1) {
            throw new IllegalArgumentException("reserve at least one number, not " + count);
        }
        String node = paths.counter(counter);
        String what = "reservation of " + count + " of " + counter;
        try {
            ZooKeeper zk = coordination.zooKeeper();
            long deadline = System.nanoTime() + RESERVE_PATIENCE_NANOS;
            for (int attempt = 0; System.nanoTime() < deadline; attempt++) {
                if (attempt > 0) {
                    // another writer won the last round: step aside a random moment so that every writer gets through
                    Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextInt(1, 2 + Math.min(attempt, 20)));
                }
                Stat stat = new Stat();
                long next;
                Op change;
                try {
                    next = Long.parseLong(new String(zk.getData(node, false, stat), StandardCharsets.UTF_8));
                    change = Op.setData(node, bytes(next + count), stat.getVersion());
                } catch (KeeperException.NoNodeException e) {
                    next = 1;
                    change = Op.create(node, bytes(1L + count), acl, CreateMode.PERSISTENT);
                }
                Code code = commit(zk, epoch, what, change);
                if (code == Code.OK) {
                    return next;
                }
            }
            throw new CoordinationException(what + " failed: the counter kept changing under it for "
                    + java.util.concurrent.TimeUnit.NANOSECONDS.toSeconds(RESERVE_PATIENCE_NANOS) + " s");
        } catch (KeeperException e) {
            throw unavailable(what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CoordinationException(what + " interrupted", e);
        }
    }

    private Code commit(ZooKeeper zk, long epoch, String what, Op change)
            throws KeeperException, InterruptedException, StaleEpochException {
        return EpochCommit.commit(zk, paths.epoch(), epoch, what, change);
    }

    private static void checkKey(String key) throws StateLimitException {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new StateLimitException("key refused: '" + key + "' is not 1 to " + MAX_KEY_LENGTH
                    + " characters of A-Z a-z 0-9 . _ : @ / -");
        }
    }

    private CoordinationException unavailable(String what, KeeperException e) {
        return new CoordinationException(what + " failed: ZooKeeper answered " + e.code() + " (" + e.getMessage() + ")", e);
    }

    private static byte[] bytes(long number) {
        return Long.toString(number).getBytes(StandardCharsets.UTF_8);
    }
}
