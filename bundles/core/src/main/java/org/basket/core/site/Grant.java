package org.basket.core.site;

/**
 * Which site holds a group's grant: the group runs there only. Stood down (site empty), it runs nowhere: the grant is
 * on its way to {@code movingTo}, and the group stops before the grant lands there.
 */
public record Grant(String site, String movingTo) {
    public Grant {
        site = site == null ? "" : site;
        movingTo = movingTo == null ? "" : movingTo;
    }

    public static Grant heldBy(String site) {
        return new Grant(site, "");
    }

    public static Grant standingDown(String toSite) {
        return new Grant("", toSite);
    }

    public boolean stoodDown() {
        return site.isEmpty();
    }

    /** As stored: the site, or {@code >site} while stood down. */
    String encode() {
        return stoodDown() ? ">" + movingTo : site;
    }

    static Grant decode(String text) {
        String value = text.trim();
        return value.startsWith(">") ? standingDown(value.substring(1)) : heldBy(value);
    }
}
