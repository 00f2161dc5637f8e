package org.basket.rest;

import java.util.Collection;
import java.util.Locale;

/** What a user may do through the API; each role may do what the roles before it may. */
public enum Role {
    /** Reads: status, events, analyses. */
    VIEWER,
    /** Standby and online, cancel, maintenance. */
    OPERATOR,
    /** Fence, fence-confirm, agent tokens and revocations. */
    ADMIN;

    /** The role as written in etc/users.properties. */
    public String written() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The highest role among a user's JAAS roles, or null when none is Basket's. */
    static Role highest(Collection<String> roles) {
        Role highest = null;
        for (Role role : values()) {
            if (roles.contains(role.written())) {
                highest = role;
            }
        }
        return highest;
    }
}
