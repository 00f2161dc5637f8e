package org.basket.api.cluster;

import java.util.List;
import java.util.function.Consumer;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Sites and the groups of resources that have a home site: which site holds each group's grant (a group runs only on
 * the site that holds it), the operator's moves of a grant, and disaster-recovery drills. Unknown names are
 * {@link IllegalArgumentException}s; a move or drill that cannot be done now is an {@link IllegalStateException}
 * with the reason.
 */
@ProviderType
public interface Sites {

    /** The sites with their hosts, and the groups with their grants. */
    SiteOverview overview();

    /**
     * What a drill of the group to the site would do and the outage to expect; nothing is executed.
     *
     * @throws IllegalStateException naming why it is refused: the site lacks capacity, a constraint would break, the
     *                               group already runs there
     */
    DrillPlan planDrill(String group, String toSite);

    /**
     * A non-transparent failover rehearsal: the group stops in order on the site that holds its grant, the grant
     * moves, the group starts in order on {@code toSite}; every member is checked running there (guest services by
     * their monitor, through the guest agent). Blocks until done or the drill's time limit.
     *
     * @param progress told each step as it happens
     * @throws IllegalStateException when refused, before anything is done (as {@link #planDrill})
     */
    DrillReport drill(String group, String toSite, Consumer<String> progress) throws InterruptedException;

    /**
     * The operator moves a group's grant: the group stops on the site that holds it, then the grant moves. Blocks
     * until the group stopped or the time limit (then the group stays stopped and the grant is not moved).
     */
    void moveGrant(String group, String toSite, Consumer<String> progress) throws InterruptedException;

    /**
     * The operator declares a site lost: every grant it holds moves to {@code toSite} at once. Its groups start on
     * {@code toSite} once the lost site's hosts are fenced (or confirmed off), never before.
     *
     * @return one line per grant moved
     */
    List<String> declareSiteLost(String site, String toSite);
}
