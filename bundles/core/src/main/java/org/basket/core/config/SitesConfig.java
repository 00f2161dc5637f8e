package org.basket.core.config;

import org.basket.api.config.KeyPatterns;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The keys of etc/org.basket.sites.cfg: groups of resources with a home site ({@code group.shop.members},
 * {@code group.shop.home}), checked by {@code site.SiteGroups}. A host's site is its attribute {@code site}.
 */
@ObjectClassDefinition(name = "Basket sites",
        description = "Groups of resources (an application: its VMs and guest services, in start order) that run on one site,"
                + " the site that holds the group's grant; drills between sites.")
@KeyPatterns({"group\\.[A-Za-z0-9_.-]+\\.(members|home)"})
public @interface SitesConfig {
    @AttributeDefinition(name = "grants.file", required = false,
            description = "The file that keeps which site holds each group's grant, with one manager"
                    + " (empty: ${karaf.data}/basket/site-grants.properties); with several managers on ZooKeeper the grants"
                    + " live in the shared state instead.")
    String grants_file() default "";

    @AttributeDefinition(name = "drill.timeout.s",
            description = "How long a drill, or a grant's move, waits for the group to stop and to run again, in seconds.")
    long drill_timeout_s() default 600;
}
