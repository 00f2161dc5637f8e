package org.basket.api.coordination;

import java.time.Instant;
import java.util.Objects;

/**
 * What this manager is in the coordination, as seen at one moment.
 *
 * @param kind   leader, elected (leads but waits out the previous leader's lease), follower or not sure
 * @param epoch  LEADER, ELECTED: the epoch this manager leads in; FOLLOWER: the latest epoch seen; otherwise 0
 * @param leader FOLLOWER: the manager id of the leader, empty if unknown; otherwise empty
 * @param doubt  NOT_SURE: why; otherwise null
 * @param detail words for the operator: the reason in full (what failed, the ensemble, the file and key), or empty
 * @param since  when this manager entered this role (wall clock, for display only)
 */
public record Role(Kind kind, long epoch, String leader, Doubt doubt, String detail, Instant since) {

    public enum Kind {
        /** Leads and may act while {@link Coordination#leadsAt(long)} holds. */
        LEADER,
        /** Won the election; acts once the previous leader's lease has run out. */
        ELECTED,
        /** Another manager leads. */
        FOLLOWER,
        /** Cannot tell who leads; must not act. */
        NOT_SURE
    }

    /** Why a manager is not sure that it may act. */
    public enum Doubt {
        /** No connection to the ensemble has been made yet (unreachable, or no quorum). */
        UNREACHABLE,
        /** The connection was lost; the session may still be alive. */
        DISCONNECTED,
        /** The session expired: whatever this manager held is gone. */
        SESSION_LOST,
        /** No answer from the ensemble within the lease. */
        NO_CONTACT,
        /** The configuration cannot be used. */
        BAD_CONFIGURATION,
        /** The coordination is shut down. */
        CLOSED
    }

    public Role {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(leader, "leader");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(since, "since");
        if ((kind == Kind.NOT_SURE) != (doubt != null)) {
            throw new IllegalArgumentException("a doubt is given exactly when not sure: " + kind + ", " + doubt);
        }
    }

    public static Role leader(long epoch, Instant since) {
        return new Role(Kind.LEADER, epoch, "", null, "", since);
    }

    public static Role elected(long epoch, String detail, Instant since) {
        return new Role(Kind.ELECTED, epoch, "", null, detail, since);
    }

    public static Role follower(long epoch, String leader, Instant since) {
        return new Role(Kind.FOLLOWER, epoch, leader, null, "", since);
    }

    public static Role notSure(Doubt doubt, String detail, Instant since) {
        return new Role(Kind.NOT_SURE, 0, "", doubt, detail, since);
    }

    /** Same kind, epoch, leader and doubt: a change of detail or time only is no new role. */
    public boolean sameAs(Role other) {
        return kind == other.kind && epoch == other.epoch && leader.equals(other.leader) && doubt == other.doubt;
    }

    @Override
    public String toString() {
        return switch (kind) {
            case LEADER -> "LEADER of epoch " + epoch;
            case ELECTED -> "ELECTED in epoch " + epoch + (detail.isEmpty() ? "" : " (" + detail + ")");
            case FOLLOWER -> "FOLLOWER" + (leader.isEmpty() ? "" : " of " + leader) + (epoch == 0 ? "" : " in epoch " + epoch);
            case NOT_SURE -> "NOT_SURE (" + doubt + (detail.isEmpty() ? "" : ": " + detail) + ")";
        };
    }
}
