package org.basket.core;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.basket.api.coordination.Coordination;
import org.basket.api.coordination.Member;
import org.basket.api.coordination.Role;
import org.basket.api.coordination.RoleListener;

/** A coordination whose role the test sets, telling the manager as ZooKeeper's would. */
final class SettableCoordination implements Coordination {
    private final List<RoleListener> listeners = new CopyOnWriteArrayList<>();
    private volatile Role role;
    private volatile long leadingEpoch = -1;
    /** Action threads (basket-action-*) are told that no epoch leads any more. */
    volatile boolean revokeInActionThreads;

    SettableCoordination(Role role) {
        this.role = role;
        leadingEpoch = role.kind() == Role.Kind.LEADER ? role.epoch() : -1;
    }

    void become(Role next) {
        Role previous = role;
        role = next;
        leadingEpoch = next.kind() == Role.Kind.LEADER ? next.epoch() : -1;
        listeners.forEach(l -> l.roleChanged(previous, next));
    }

    /** A newer leader took over behind this manager's back: only {@code epoch} leads now. */
    void leadsOnly(long epoch) {
        leadingEpoch = epoch;
    }

    @Override
    public String managerId() {
        return "m1";
    }

    @Override
    public Role role() {
        return role;
    }

    @Override
    public boolean leadsAt(long epoch) {
        if (revokeInActionThreads && Thread.currentThread().getName().startsWith("basket-action")) {
            return false;
        }
        return epoch == leadingEpoch;
    }

    @Override
    public Duration lease() {
        return Duration.ofSeconds(2);
    }

    @Override
    public List<Member> members() {
        return List.of();
    }

    @Override
    public void addRoleListener(RoleListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeRoleListener(RoleListener listener) {
        listeners.remove(listener);
    }
}
