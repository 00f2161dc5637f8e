package org.basket.coordination;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.recipes.leader.LeaderLatchListener;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.KeeperException.Code;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.OpResult;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;
import org.basket.api.coordination.Coordination;
import org.basket.api.coordination.CoordinationException;
import org.basket.api.coordination.Member;
import org.basket.api.coordination.Role;
import org.basket.api.coordination.Role.Doubt;
import org.basket.api.coordination.Role.Kind;
import org.basket.api.coordination.RoleListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Several managers on a ZooKeeper ensemble. Curator's {@link LeaderLatch} elects; the winner raises the epoch (the data
 * version of the epoch node) in a transaction conditional on its own latch node, is ELECTED, waits out one lease (the
 * previous leader's), then is LEADER. Its lease runs from the start of its last heartbeat that proved, through the
 * ensemble's leader, that its epoch is still the latest and its latch node still there. Every state change runs on one
 * thread ({@code basket-coordination}); {@link #role()} and {@link #leadsAt(long)} read volatile state and the clock.
 */
final class ZooKeeperCoordination implements Coordination, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ZooKeeperCoordination.class);
    private static final int TAKEOVER_ATTEMPTS = 3;

    private final CoordinationSettings settings;
    private final CuratorFramework client;
    private final ZnodeLayout paths;
    private final LongSupplier nanoClock = System::nanoTime;
    /** Any successful round trip: without one within a lease, this manager is NOT_SURE whatever its role. */
    private final Lease contact;
    /** Round trips that proved this manager's leadership: {@link #leadsAt(long)} needs one within a lease. */
    private final Lease leadership;
    private final RoleNotifier notifier = new RoleNotifier();
    private final Membership membership;
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "basket-coordination");
        thread.setDaemon(true);
        return thread;
    });

    /** The role from the latch and the connection; {@link #role()} adds the lease. Written on the loop only. */
    private volatile Role base;
    private volatile LeaderLatch latch;
    private volatile boolean closed;
    private Role published;
    private boolean heartbeatInFlight;
    private long heartbeatStart;

    private ZooKeeperCoordination(CoordinationSettings settings, CuratorFramework client) {
        this.settings = settings;
        this.client = client;
        this.paths = new ZnodeLayout(settings.chroot());
        this.membership = new Membership(settings, paths);
        this.contact = new Lease(settings.lease(), nanoClock);
        this.leadership = new Lease(settings.lease(), nanoClock);
        this.base = Role.notSure(Doubt.UNREACHABLE, "connecting to ZooKeeper at " + settings.connect(), Instant.now());
        this.published = base;
    }

    static ZooKeeperCoordination start(CoordinationSettings settings) {
        ZooKeeperCoordination coordination = new ZooKeeperCoordination(settings, Clients.of(settings));
        coordination.begin();
        return coordination;
    }

    private void begin() {
        client.getConnectionStateListenable().addListener((c, state) -> connectionChanged(state), loop);
        client.start();
        long period = Math.max(25, settings.lease().toMillis() / 4);
        loop.scheduleWithFixedDelay(this::heartbeat, 0, period, TimeUnit.MILLISECONDS);
        LOG.info("Coordination: manager {} joins the ensemble {} under {} (session timeout {} ms, lease {} ms)",
                settings.managerId(), settings.connect(), settings.chroot(), settings.sessionTimeout().toMillis(),
                settings.lease().toMillis());
    }

    CuratorFramework client() {
        return client;
    }

    ZnodeLayout paths() {
        return paths;
    }

    @Override
    public String managerId() {
        return settings.managerId();
    }

    @Override
    public Duration lease() {
        return settings.lease();
    }

    @Override
    public Role role() {
        Role role = base;
        if (role.kind() != Kind.NOT_SURE && !contact.valid()) {
            Duration silent = contact.sinceLastStart();
            return Role.notSure(Doubt.NO_CONTACT, "no answer from ZooKeeper at " + settings.connect()
                    + (silent == null ? "" : " for " + silent.toMillis() + " ms") + " (lease "
                    + settings.lease().toMillis() + " ms)", Instant.now().plusNanos(contact.remainingNanos()));
        }
        return role;
    }

    @Override
    public boolean leadsAt(long epoch) {
        Role role = base;
        return role.kind() == Kind.LEADER && role.epoch() == epoch && leadership.valid() && contact.valid();
    }

    @Override
    public List<Member> members() throws CoordinationException {
        try {
            return membership.list(zooKeeper());
        } catch (KeeperException e) {
            throw new CoordinationException("cannot list the managers at " + settings.connect() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CoordinationException("interrupted while listing the managers", e);
        }
    }

    @Override
    public void addRoleListener(RoleListener listener) {
        notifier.add(listener);
    }

    @Override
    public void removeRoleListener(RoleListener listener) {
        notifier.remove(listener);
    }

    /** The current ZooKeeper handle (a new one after a session was lost). */
    ZooKeeper zooKeeper() throws KeeperException {
        try {
            return client.getZookeeperClient().getZooKeeper();
        } catch (KeeperException e) {
            throw e;
        } catch (Exception e) {
            throw KeeperException.create(Code.CONNECTIONLOSS);
        }
    }

    // --- on the loop thread ---

    private void connectionChanged(ConnectionState state) {
        if (closed) {
            return;
        }
        LOG.info("Coordination: connection {}", state);
        switch (state) {
            case CONNECTED, RECONNECTED -> joined();
            case SUSPENDED -> lostLeadership(Role.notSure(Doubt.DISCONNECTED, "disconnected from ZooKeeper at "
                    + settings.connect() + "; the session may still live", Instant.now()));
            case LOST -> {
                contact.end();
                lostLeadership(Role.notSure(Doubt.SESSION_LOST, "the ZooKeeper session expired; whatever this manager "
                        + "held is gone", Instant.now()));
            }
            case READ_ONLY -> lostLeadership(Role.notSure(Doubt.DISCONNECTED, "the ZooKeeper server is read-only (no "
                    + "quorum)", Instant.now()));
        }
        publish();
    }

    private void joined() {
        long start = nanoClock.getAsLong();
        try {
            ZooKeeper zk = zooKeeper();
            long granted = zk.getSessionTimeout();
            if (granted <= settings.lease().toMillis()) {
                setBase(Role.notSure(Doubt.BAD_CONFIGURATION, "the ensemble granted a session timeout of " + granted
                        + " ms, not longer than lease.ms = " + settings.lease().toMillis() + " (raise the servers' "
                        + "maxSessionTimeout or lower the lease)", Instant.now()));
                closeLatch();
                return;
            }
            membership.prepareNodes(zk);
            Role refused = membership.register(zk, role());
            if (refused != null) {
                setBase(refused);
                closeLatch();
                loop.schedule(this::retryJoin, 1, TimeUnit.SECONDS);
                return;
            }
            contact.renewedBy(start);
            if (base.kind() == Kind.NOT_SURE) {
                setBase(followerRole(zk));
            }
            if (latch == null) {
                startLatch();
            }
        } catch (KeeperException e) {
            LOG.warn("Coordination: cannot join yet: {}", e.getMessage());
            if (e.code() == Code.AUTHFAILED) {
                setBase(Role.notSure(Doubt.BAD_CONFIGURATION, "ZooKeeper at " + settings.connect() + " refused this "
                        + "manager's authentication" + settings.saslLoginContext().map(section -> " (SASL login section "
                        + section + " of " + System.getProperty("java.security.auth.login.config", "no JAAS file")
                        + ")").orElse("") + ": wrong user or password?", Instant.now()));
            }
            loop.schedule(this::retryJoin, 1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void retryJoin() {
        if (!closed && client.getZookeeperClient().isConnected() && (latch == null || base.kind() == Kind.NOT_SURE)) {
            joined();
            publish();
        }
    }

    private void startLatch() {
        LeaderLatch candidate = new LeaderLatch(client, paths.election(), settings.managerId());
        candidate.addListener(new LeaderLatchListener() {
            @Override
            public void isLeader() {
                if (latch == candidate) {
                    takeOver(candidate);
                }
            }

            @Override
            public void notLeader() {
                if (latch == candidate) {
                    Role role = base;
                    lostLeadership(role.kind() == Kind.NOT_SURE ? role : Role.follower(role.epoch(), "", Instant.now()));
                    publish();
                }
            }
        }, loop);
        latch = candidate;
        try {
            candidate.start();
        } catch (Exception e) {
            LOG.error("Coordination: cannot enter the election", e);
            latch = null;
        }
    }

    private void closeLatch() {
        LeaderLatch old = latch;
        latch = null;
        if (old != null) {
            try {
                old.close();
            } catch (Exception | Error e) {
                LOG.debug("Coordination: closing the latch: {}", e.toString());
            }
        }
    }

    /** Elected: raise the epoch, conditional on our latch node, then wait out the previous leader's lease. */
    private void takeOver(LeaderLatch candidate) {
        for (int attempt = 1; attempt <= TAKEOVER_ATTEMPTS && !closed; attempt++) {
            long start = nanoClock.getAsLong();
            try {
                ZooKeeper zk = zooKeeper();
                String ours = candidate.getOurPath();
                Stat stat = new Stat();
                zk.getData(paths.epoch(), false, stat);
                long epoch = stat.getVersion() + 1L;
                byte[] data = ("epoch=" + epoch + "\nleader=" + settings.managerId() + "\nsession="
                        + Long.toHexString(zk.getSessionId()) + "\n").getBytes(StandardCharsets.UTF_8);
                zk.multi(List.of(Op.check(ours, -1), Op.setData(paths.epoch(), data, stat.getVersion())));
                leadership.end();
                leadership.renewedBy(start);
                contact.renewedBy(start);
                Duration wait = takeoverWait(settings.lease());
                Instant actsFrom = Instant.now().plus(wait);
                setBase(Role.elected(epoch, "waits out the previous leader's lease until " + actsFrom, Instant.now()));
                loop.schedule(() -> actAfterWaiting(epoch), wait.toNanos(), TimeUnit.NANOSECONDS);
                publish();
                return;
            } catch (KeeperException e) {
                LOG.warn("Coordination: taking over failed ({} of {}): {}", attempt, TAKEOVER_ATTEMPTS, e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warn("Coordination: taking over failed: {}", e.toString());
            }
        }
        // stay out of the way of the others: enter the election anew
        LOG.warn("Coordination: could not take over; entering the election again");
        closeLatch();
        lostLeadership(base.kind() == Kind.NOT_SURE ? base : Role.follower(base.epoch(), "", Instant.now()));
        if (!closed && client.getZookeeperClient().isConnected()) {
            startLatch();
        }
        publish();
    }

    /** One lease, and 2 % more for clocks that run up to 1 % apart (docs/manager-ha.md). */
    static Duration takeoverWait(Duration lease) {
        return lease.plus(lease.dividedBy(50));
    }

        private void actAfterWaiting(long epoch) {
        Role role = base;
        if (!closed && role.kind() == Kind.ELECTED && role.epoch() == epoch) {
            setBase(Role.leader(epoch, Instant.now()));
            publish();
        }
    }

    private void lostLeadership(Role next) {
        leadership.end();
        setBase(next);
    }

    private Role followerRole(ZooKeeper zk) throws KeeperException, InterruptedException {
        Stat stat = new Stat();
        Properties epoch = MemberRecord.decode(zk.getData(paths.epoch(), false, stat));
        return Role.follower(stat.getVersion(), epoch.getProperty("leader", ""), Instant.now());
    }

    /**
     * One round trip at a time: the leader checks, through the ensemble's leader (a transaction), that its epoch is the
     * latest and its latch node is there; the others read the epoch. Success renews the leases from the start.
     */
    private void heartbeat() {
        try {
            if (closed) {
                return;
            }
            long now = nanoClock.getAsLong();
            boolean stuck = heartbeatInFlight && now - heartbeatStart > 2 * settings.sessionTimeout().toNanos();
            if (heartbeatInFlight && !stuck || !client.getZookeeperClient().isConnected()) {
                return;
            }
            ZooKeeper zk = zooKeeper();
            Role role = base;
            LeaderLatch current = latch;
            long start = nanoClock.getAsLong();
            heartbeatInFlight = true;
            heartbeatStart = start;
            if ((role.kind() == Kind.LEADER || role.kind() == Kind.ELECTED) && current != null
                    && current.getOurPath() != null) {
                zk.multi(List.of(Op.check(paths.epoch(), (int) role.epoch()), Op.check(current.getOurPath(), -1)),
                        (rc, path, ctx, results) -> loop.execute(() -> leaderHeartbeat(start, role, rc, results)), null);
            } else {
                zk.getData(paths.epoch(), false, (rc, path, ctx, data, stat) -> loop.execute(
                        () -> followerHeartbeat(start, rc, data, stat)), null);
            }
        } catch (KeeperException | RuntimeException e) {
            heartbeatInFlight = false;
            LOG.debug("Coordination: no heartbeat: {}", e.toString());
        } finally {
            publish();
        }
    }

    private void leaderHeartbeat(long start, Role sent, int rc, List<OpResult> results) {
        heartbeatInFlight = false;
        Role role = base;
        if (rc == Code.OK.intValue()) {
            contact.renewedBy(start);
            if (role.kind() != Kind.NOT_SURE && role.epoch() == sent.epoch()) {
                leadership.renewedBy(start);
            }
        } else if (rc == Code.BADVERSION.intValue() || rc == Code.NONODE.intValue()) {
            contact.renewedBy(start);
            if (role.epoch() == sent.epoch() && role.kind() != Kind.FOLLOWER) {
                LOG.warn("Coordination: deposed: epoch {} is no longer the latest or the latch node is gone", sent.epoch());
                lostLeadership(Role.follower(sent.epoch(), "", Instant.now()));
                closeLatch();
                startLatch();
            }
        }
        publish();
    }

    private void followerHeartbeat(long start, int rc, byte[] data, Stat stat) {
        heartbeatInFlight = false;
        if (rc == Code.OK.intValue()) {
            contact.renewedBy(start);
            Role role = base;
            if (role.kind() == Kind.FOLLOWER) {
                String leader = MemberRecord.decode(data).getProperty("leader", "");
                if (role.epoch() != stat.getVersion() || !role.leader().equals(leader)) {
                    setBase(Role.follower(stat.getVersion(), leader, role.since()));
                }
            }
        }
        publish();
    }

    private void setBase(Role role) {
        base = role;
    }

    /** Tells the listeners and the member node when the role (with the lease) changed. */
    private void publish() {
        Role now = role();
        if (now.sameAs(published)) {
            return;
        }
        Role previous = published;
        published = now;
        notifier.changed(previous, now);
        try {
            membership.publish(zooKeeper(), now);
        } catch (KeeperException | RuntimeException e) {
            LOG.debug("Coordination: member node not updated: {}", e.toString());
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            loop.submit(() -> {
                closeLatch();
                try {
                    membership.leave(zooKeeper());
                } catch (KeeperException | InterruptedException | RuntimeException e) {
                    LOG.debug("Coordination: member node not removed: {}", e.toString());
                }
                lostLeadership(Role.notSure(Doubt.CLOSED, "the coordination is shut down", Instant.now()));
                publish();
            }).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("Coordination: closing: {}", e.toString());
        }
        loop.shutdownNow();
        client.close();
        notifier.close();
        LOG.info("Coordination: manager {} left the ensemble", settings.managerId());
    }
}
