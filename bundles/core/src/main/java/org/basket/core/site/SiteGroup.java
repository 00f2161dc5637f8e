package org.basket.core.site;

import java.util.List;

/**
 * A group of resources with a home site, as etc/org.basket.sites.cfg defines it.
 *
 * @param members its VMs and guest services in start order
 */
public record SiteGroup(String name, String home, List<String> members) {
    public SiteGroup {
        members = List.copyOf(members);
    }
}
