package org.basket.core;

import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import org.basket.api.cluster.ClusterSnapshot;
import org.basket.api.cluster.EventKind;
import org.basket.api.coordination.Coordination;
import org.basket.api.coordination.RoleListener;
import org.basket.api.coordination.SharedState;
import org.basket.core.config.ConfigStore;
import org.basket.core.config.CoordinationMode;
import org.basket.core.journal.Flag;

/**
 * Where this manager stands among several: whether it acts in this turn of the loop (its {@link Leadership}, the journal
 * shared or taken over when it leads, its definitions compared with the leader's), each change reported as a
 * MANAGER_ROLE event, and the refusal of operator requests on a manager that does not act.
 */
final class ManagerStanding {
    private final Leadership leadership = new Leadership();
    private final EventLog events;
    /** Wakes the loop when this manager's role changes, so that a new leader acts and a deposed one stops at once. */
    private final RoleListener roleChanges;
    private final JournalHandover handover;
    private final ConfigDigestCheck digests = new ConfigDigestCheck();
    private final Consumer<String> news;
    private volatile SharedState sharedState;
    private CoordinationMode coordinationMode;
    private String reported = ClusterSnapshot.ALONE;

    /**
     * @param news          tells the loop that its plan is out of date, and why
     * @param restoreShared replaces the flags this manager held with those of a journal it took over
     * @param showShared    on a manager that does not lead, shows the flags the leader shared instead of its own
     */
    ManagerStanding(EventLog events, HostTracker hosts, Observer observer, Consumer<String> news, Runnable restoreShared,
            Consumer<Set<Flag>> showShared) {
        this.events = events;
        this.news = news;
        this.roleChanges = (before, now) -> news.accept("this manager's role changed: " + now);
        this.handover = new JournalHandover(events, hosts, observer, restoreShared, showShared);
    }

    Leadership leadership() {
        return leadership;
    }

    /** Where etc/org.basket.coordination.cfg says whether several managers are configured. */
    void configuredBy(CoordinationMode mode) {
        coordinationMode = mode;
    }

    void bindCoordination(Coordination coordination) {
        leadership.bind(coordination);
        coordination.addRoleListener(roleChanges);
        news.accept("a coordination service is bound");
    }

    void unbindCoordination(Coordination coordination) {
        coordination.removeRoleListener(roleChanges);
        leadership.unbind(coordination);
        news.accept("the coordination service is gone");
    }

    void bindSharedState(SharedState state) {
        sharedState = state;
        news.accept("the managers' shared state is bound");
    }

    void unbindSharedState(SharedState state) {
        if (sharedState == state) {
            sharedState = null;
        }
        news.accept("the managers' shared state is gone");
    }

    /** The standing for this turn of the loop: the journal shared while leading, the definitions compared, reported. */
    Leadership.Standing turn(ConfigStore.Result stored, Durable durable) {
        if (coordinationMode != null) {
            leadership.ensemble(coordinationMode.ensemble());
        }
        SharedState state = sharedState;
        Leadership.Standing standing = digests.compare(handover.share(leadership.now(), state, durable), stored, state,
                durable);
        report(standing);
        return standing;
    }

    /** Whether an action of {@code epoch} may still be taken. */
    boolean stillLeads(long epoch) {
        return leadership.stillLeads(epoch);
    }

    /** Operator requests change what the leader does: a manager that does not act refuses them, saying who leads. */
    void requireLeading(String command) {
        notActing().ifPresent(why -> {
            throw new IllegalStateException(command + " refused: " + why + "; run it on the leading manager");
        });
    }

    /** Why this manager does not act now (its standing), or empty while it leads within its lease. */
    Optional<String> notActing() {
        Leadership.Standing standing = leadership.now();
        return standing.leads() ? Optional.empty() : Optional.of(standing.status());
    }

    /** The managers' shared state while this manager does not act: what the leader shared is read there. */
    Optional<SharedState> leadersState() {
        SharedState state = sharedState;
        return state != null && notActing().isPresent() ? Optional.of(state) : Optional.empty();
    }

    /** Each change of whether this manager acts, as it happens; not acting is an alert. */
    private void report(Leadership.Standing standing) {
        if (standing.status().equals(reported)) {
            return;
        }
        reported = standing.status();
        if (standing.alarming()) {
            events.entry(EventKind.MANAGER_ROLE, "ALERT: " + standing.status()).error();
        } else {
            events.entry(EventKind.MANAGER_ROLE, standing.status()).info();
        }
    }
}
