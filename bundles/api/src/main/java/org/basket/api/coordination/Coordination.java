package org.basket.api.coordination;

import java.time.Duration;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * May this manager act? One service per manager: on its embedded default it always leads epoch 1; on a ZooKeeper
 * ensemble one manager leads an epoch at a time, and only within its lease.
 */
@ProviderType
public interface Coordination {

    /** This manager's id, unique among the managers of one cluster. */
    String managerId();

    /** The role now; NOT_SURE as soon as the lease ran out without an answer from the ensemble. */
    Role role();

    /**
     * Whether this manager still leads in {@code epoch} and its lease has not run out: to be asked right before every
     * hypervisor or fence call, with the epoch the intent was written in. False while ELECTED.
     */
    boolean leadsAt(long epoch);

    /** How long one answer of the ensemble lets a leader act (zero when embedded: no lease is needed). */
    Duration lease();

    /** The managers that take part now, leader first. */
    List<Member> members() throws CoordinationException;

    /** Adds a listener that hears every later role change. */
    void addRoleListener(RoleListener listener);

    void removeRoleListener(RoleListener listener);
}
