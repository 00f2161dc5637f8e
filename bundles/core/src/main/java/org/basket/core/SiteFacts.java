package org.basket.core;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import org.basket.api.model.ClusterConfig;
import org.basket.api.model.Host;
import org.basket.core.site.Grant;
import org.basket.core.site.SiteGroup;
import org.basket.core.site.SiteGroups;
import org.basket.core.site.SiteRules;

/** The sites of a configuration (hosts by their attribute {@code site}), the groups and their grants, at one instant. */
record SiteFacts(ClusterConfig config, SiteGroups settings, Map<String, Grant> grants) {

    SortedMap<String, List<String>> sites() {
        SortedMap<String, List<String>> sites = new TreeMap<>();
        for (Host host : config.hosts().values()) {
            String site = host.attributes().get(SiteRules.ATTRIBUTE);
            if (site != null && !site.isBlank()) {
                sites.computeIfAbsent(site, s -> new java.util.ArrayList<>()).add(host.name());
            }
        }
        return sites;
    }

    SiteGroup group(String name) {
        SiteGroup group = settings.groups().get(name);
        if (group == null) {
            throw new IllegalArgumentException("no group '" + name + "' in etc/org.basket.sites.cfg (groups: "
                    + String.join(", ", settings.groups().keySet()) + ")");
        }
        return group;
    }

    Grant grant(SiteGroup group) {
        return grants.getOrDefault(group.name(), Grant.heldBy(group.home()));
    }

    List<String> hostsOf(String site) {
        List<String> hosts = sites().get(site);
        if (hosts == null) {
            throw new IllegalArgumentException("no site '" + site + "': no host has the attribute site=" + site
                    + " (sites: " + String.join(", ", sites().keySet()) + ")");
        }
        return hosts;
    }

    /** The configuration as the scheduler would get it with these grants. */
    ClusterConfig planned(Map<String, Grant> with) {
        return SiteRules.apply(config, settings.groups(), with);
    }
}
