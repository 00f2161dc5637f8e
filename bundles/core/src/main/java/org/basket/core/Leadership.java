package org.basket.core;

import org.basket.api.cluster.ClusterSnapshot;
import org.basket.api.coordination.Coordination;
import org.basket.api.coordination.Role;

/**
 * Whether this manager may act, and in which epoch. With a bound {@link Coordination} its role decides; without one the
 * manager leads alone, unless several managers are configured (an ensemble in etc/org.basket.coordination.cfg): then
 * it does not act until the coordination runs.
 */
final class Leadership {
    /** The epoch of a manager that leads alone, as the embedded coordination has it. */
    static final long ALONE = 1;

    private volatile Coordination coordination;
    private volatile String ensemble = "";

    /**
     * What this manager may do now.
     *
     * @param leads  whether it may plan and act
     * @param epoch  the epoch its actions are taken in, while it leads
     * @param status    for the operator: {@link ClusterSnapshot#manager()}
     * @param alarming  whether no manager may be acting because of it (this one is not sure it leads): an alert
     */
    record Standing(boolean leads, long epoch, String status, boolean alarming) {
    }

    void bind(Coordination value) {
        coordination = value;
    }

    void unbind(Coordination value) {
        if (coordination == value) {
            coordination = null;
        }
    }

    /** This manager's id among several, empty while no coordination is bound. */
    String managerId() {
        Coordination current = coordination;
        return current == null ? "" : current.managerId();
    }

    /** Whether another manager leads and this one follows it. */
    boolean follows() {
        Coordination current = coordination;
        return current != null && current.role().kind() == Role.Kind.FOLLOWER;
    }

    /** Several managers are configured on {@code ensemble} (empty: one manager alone). */
    void ensemble(String value) {
        ensemble = value;
    }

    Standing now() {
        Coordination current = coordination;
        if (current == null) {
            return ensemble.isEmpty() ? new Standing(true, ALONE, ClusterSnapshot.ALONE, false)
                    : new Standing(false, 0, "not acting: several managers are configured (ZooKeeper " + ensemble
                            + ") but no coordination runs: install feature basket-coordination-zookeeper", true);
        }
        Role role = current.role();
        return switch (role.kind()) {
            case LEADER -> current.leadsAt(role.epoch())
                    ? new Standing(true, role.epoch(), "manager " + current.managerId() + " leads in epoch " + role.epoch(),
                            false)
                    : new Standing(false, 0, "not acting: manager " + current.managerId() + " no longer leads epoch "
                            + role.epoch() + " within its lease", true);
            case ELECTED -> new Standing(false, role.epoch(), "manager " + current.managerId() + " is elected in epoch "
                    + role.epoch() + " and waits out the previous leader's lease before it acts", false);
            case FOLLOWER -> new Standing(false, 0, "manager " + current.managerId() + " follows"
                    + (role.leader().isEmpty() ? "" : " manager " + role.leader())
                    + (role.epoch() == 0 ? "" : " (epoch " + role.epoch() + ")") + ": it observes, the leader acts", false);
            case NOT_SURE -> new Standing(false, 0, "not acting: manager " + current.managerId() + " is not sure it leads ("
                    + role.doubt() + (role.detail().isEmpty() ? "" : ": " + role.detail()) + ")", true);
        };
    }

    /** Whether an action of {@code epoch} may still be taken: asked right before each hypervisor, fence or agent call. */
    boolean stillLeads(long epoch) {
        Coordination current = coordination;
        return current == null ? ensemble.isEmpty() && epoch == ALONE : current.leadsAt(epoch);
    }
}
