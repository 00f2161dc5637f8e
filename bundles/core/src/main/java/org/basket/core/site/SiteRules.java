package org.basket.core.site;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.basket.api.model.ClusterConfig;
import org.basket.api.model.Constraint;
import org.basket.api.model.Constraint.AttributeOperation;
import org.basket.api.model.Resource;
import org.basket.api.model.Score;

/**
 * The groups and their grants as constraints the scheduler already knows, added to the configuration before each
 * plan: each VM of a group (a member, or the VM a member runs in) may run only on hosts whose attribute {@code site}
 * is the site holding the group's grant ({@code -INFINITY} elsewhere and on hosts without a site; a stood-down grant:
 * nowhere, so the group stops), and each member starts after the one before it (a mandatory order: stops go the other
 * way). Placement and recovery stay inside that site; a site lost moves the grant only by the operator's word.
 */
public final class SiteRules {
    public static final String ATTRIBUTE = "site";

    private SiteRules() {
    }

    public static ClusterConfig apply(ClusterConfig config, Map<String, SiteGroup> groups, Map<String, Grant> grants) {
        if (groups.isEmpty()) {
            return config;
        }
        List<Constraint> constraints = new ArrayList<>(config.constraints());
        for (SiteGroup group : groups.values()) {
            Grant grant = grants.getOrDefault(group.name(), Grant.heldBy(group.home()));
            for (String vm : vms(config, group)) {
                String prefix = "site-" + group.name() + "-" + vm;
                constraints.add(new Constraint.LocationRule(prefix + "-no-site", vm, ATTRIBUTE,
                        AttributeOperation.NOT_EXISTS, "", Score.MINUS_INFINITY));
                constraints.add(grant.stoodDown()
                        ? new Constraint.LocationRule(prefix + "-stood-down", vm, ATTRIBUTE, AttributeOperation.EXISTS,
                        "", Score.MINUS_INFINITY)
                        : new Constraint.LocationRule(prefix + "-grant", vm, ATTRIBUTE, AttributeOperation.NE,
                        grant.site(), Score.MINUS_INFINITY));
            }
            List<String> members = group.members().stream().filter(config.resources()::containsKey).toList();
            for (int i = 1; i < members.size(); i++) {
                Resource first = config.resources().get(members.get(i - 1));
                Resource then = config.resources().get(members.get(i));
                if (!then.container().equals(first.name())) {
                    constraints.add(new Constraint.Order("site-" + group.name() + "-order-" + i, first.name(),
                            then.name(), true));
                }
            }
        }
        return new ClusterConfig(config.hosts(), config.resources(), constraints);
    }

    /** The VMs a group holds: its VM members and the VMs its guest services run in. */
    static Set<String> vms(ClusterConfig config, SiteGroup group) {
        Set<String> vms = new LinkedHashSet<>();
        for (String member : group.members()) {
            Resource resource = config.resources().get(member);
            if (resource == null) {
                continue;
            }
            String vm = resource.hasContainer() ? resource.container() : member;
            if (config.resources().containsKey(vm)) {
                vms.add(vm);
            }
        }
        return vms;
    }
}
