package org.basket.core.config;

/** The configuration PIDs Basket reads. */
public final class ConfigPids {
    public static final String HOST = "org.basket.host";
    public static final String RESOURCE = "org.basket.resource";
    public static final String CONSTRAINT = "org.basket.constraint";
    public static final String DRIVER = "org.basket.driver";
    public static final String FENCE = "org.basket.fence";
    public static final String MANAGER = "org.basket.manager";

    private ConfigPids() {
    }
}
