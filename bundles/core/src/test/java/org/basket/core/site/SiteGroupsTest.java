package org.basket.core.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.basket.api.config.ConfigException;
import org.junit.jupiter.api.Test;

class SiteGroupsTest {

    @Test
    void groupsKeepTheirMembersInStartOrder() throws Exception {
        SiteGroups read = SiteGroups.read(Map.of("group.shop.members", "db, db-svc, web", "group.shop.home", "paris",
                "drill.timeout.s", "120"));
        assertEquals(new SiteGroup("shop", "paris", List.of("db", "db-svc", "web")), read.groups().get("shop"));
        assertEquals(Duration.ofMinutes(2), read.drillTimeout());
    }

    @Test
    void everyBadKeyIsNamedAtOnce() {
        ConfigException e = assertThrows(ConfigException.class, () -> SiteGroups.read(Map.of(
                "group.shop.members", "db, db", "group.shop.home", "paris",
                "group.books.members", "web", "group.cart.home", "lyon",
                "group.tools.members", "db-svc, web", "group.tools.home", "paris",
                "group.wares.members", "web", "group.wares.home", "lyon",
                "grant.file", "/tmp/x", "drill.timeout.s", "0")));
        String message = e.describe("org.basket.sites.cfg");
        for (String expected : List.of("group.shop.members", "db is listed twice", "group.books.home", "group.cart.members",
                "already a member of group tools", "grant.file", "unknown key", "drill.timeout.s")) {
            assertTrue(message.contains(expected), expected + " in " + message);
        }
    }
}
