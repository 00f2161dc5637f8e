package org.basket.api.cluster;

import java.util.List;
import java.util.Objects;

/**
 * The sites (hosts by their {@code site} attribute) and the groups of resources with a home site.
 *
 * @param sites  every site, by name
 * @param groups every group, by name
 */
public record SiteOverview(List<Site> sites, List<Group> groups) {
    public SiteOverview {
        sites = List.copyOf(sites);
        groups = List.copyOf(groups);
    }

    /** A site and its hosts, sorted. */
    public record Site(String name, List<String> hosts) {
        public Site {
            Objects.requireNonNull(name, "name");
            hosts = hosts.stream().sorted().toList();
        }
    }

    /**
     * A group of resources that runs on one site.
     *
     * @param members  its VMs and guest services in start order
     * @param grant    the site that holds its grant; empty while the grant is stood down (moving: the group stops)
     * @param movingTo while stood down, the site the grant moves to; else empty
     * @param running  where its members run now, by member ("" for a member that does not run)
     */
    public record Group(String name, String home, List<String> members, String grant, String movingTo,
                       List<String> running) {
        public Group {
            Objects.requireNonNull(name, "name");
            members = List.copyOf(members);
            running = List.copyOf(running);
        }
    }
}
