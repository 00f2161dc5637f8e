package org.basket.coordination;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;
import org.basket.api.coordination.Member;
import org.basket.api.coordination.Role;

/** The coordination's nodes under the chroot, and this manager's ephemeral member node among the others'. */
final class Membership {
    private final CoordinationSettings settings;
    private final ZnodeLayout paths;
    /** Tells this process's own member node of an earlier session from another manager's of the same id. */
    private final String instance = UUID.randomUUID().toString();

    Membership(CoordinationSettings settings, ZnodeLayout paths) {
        this.settings = settings;
        this.paths = paths;
    }

    void prepareNodes(ZooKeeper zk) throws KeeperException, InterruptedException {
        for (String path : List.of(paths.root(), paths.members(), paths.state(), paths.counters(), paths.election())) {
            createIfAbsent(zk, path, new byte[0]);
        }
        createIfAbsent(zk, paths.epoch(), "epoch=0\n".getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Publishes this manager as a member; null, or the role to take while it cannot: the node of its own previous
     * session has yet to go, or another manager has its id.
     */
    Role register(ZooKeeper zk, Role role) throws KeeperException, InterruptedException {
        String node = paths.member(settings.managerId());
        byte[] data = MemberRecord.encode(instance, role, zk.getSessionId());
        try {
            zk.create(node, data, Clients.acl(settings), CreateMode.EPHEMERAL);
            return null;
        } catch (KeeperException.NodeExistsException e) {
            Stat stat = new Stat();
            byte[] existing;
            try {
                existing = zk.getData(node, false, stat);
            } catch (KeeperException.NoNodeException gone) {
                return register(zk, role);
            }
            if (stat.getEphemeralOwner() == zk.getSessionId()) {
                zk.setData(node, data, -1);
                return null;
            }
            if (MemberRecord.instance(existing).equals(instance)) {
                return Role.notSure(Role.Doubt.SESSION_LOST, "waiting for the member node of this manager's previous "
                        + "session to go", Instant.now());
            }
            return Role.notSure(Role.Doubt.BAD_CONFIGURATION, "manager.id " + settings.managerId() + " is already taken "
                    + "by another manager (session " + Long.toHexString(stat.getEphemeralOwner()) + "): give each "
                    + "manager its own id in " + CoordinationSettings.FILE, Instant.now());
        }
    }

    /** Updates this manager's member node with its role, in the background; nothing if not connected. */
    void publish(ZooKeeper zk, Role role) {
        if (zk.getState().isConnected()) {
            zk.setData(paths.member(settings.managerId()), MemberRecord.encode(instance, role, zk.getSessionId()), -1,
                    (rc, path, ctx, stat) -> { }, null);
        }
    }

    void leave(ZooKeeper zk) throws KeeperException, InterruptedException {
        zk.delete(paths.member(settings.managerId()), -1);
    }

    /** The members, leader first, then by id. */
    List<Member> list(ZooKeeper zk) throws KeeperException, InterruptedException {
        List<Member> members = new ArrayList<>();
        for (String id : zk.getChildren(paths.members(), false)) {
            try {
                members.add(MemberRecord.member(id, zk.getData(paths.member(id), false, null)));
            } catch (KeeperException.NoNodeException gone) {
                // left while listed
            }
        }
        members.sort(Comparator.comparing((Member m) -> !m.leader()).thenComparing(Member::id));
        return members;
    }

    private void createIfAbsent(ZooKeeper zk, String path, byte[] data) throws KeeperException, InterruptedException {
        int slash = path.lastIndexOf('/');
        if (slash > 0 && zk.exists(path.substring(0, slash), false) == null) {
            createIfAbsent(zk, path.substring(0, slash), new byte[0]);
        }
        try {
            zk.create(path, data, Clients.acl(settings), CreateMode.PERSISTENT);
        } catch (KeeperException.NodeExistsException e) {
            // made before
        }
    }
}
