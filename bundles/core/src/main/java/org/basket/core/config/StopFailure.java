package org.basket.core.config;

import org.basket.api.config.ConfigException;

/**
 * What a failed stop of a VM or host-level resource does where a fence device exists ({@code stop.failure} in the
 * manager's settings); without a device the resource is always blocked there.
 */
public enum StopFailure {
    /** The host is fenced, then the resource and everything else of the host is recovered (Pacemaker's on-fail=fence). */
    FENCE,
    /** The resource is blocked where its stop failed until ha:cleanup (Pacemaker's on-fail=block). */
    BLOCK;

    /** The policy, or a {@link ConfigException} naming the key with a bad value. */
    public static StopFailure read(ManagerConfig config) throws ConfigException {
        return switch (config.stop_failure().trim()) {
            case "fence" -> FENCE;
            case "block" -> BLOCK;
            default -> throw new ConfigException("stop.failure", "must be fence or block, not '"
                    + config.stop_failure() + "'");
        };
    }

    /** The policy of a configuration that {@link #read} accepted. */
    public static StopFailure of(ManagerConfig config) {
        try {
            return read(config);
        } catch (ConfigException e) {
            throw new IllegalStateException("the manager's configuration was not checked: " + e.getMessage(), e);
        }
    }
}
