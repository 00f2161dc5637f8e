package org.basket.api.driver;

import java.time.Duration;

/**
 * Tuning of one live migration.
 *
 * @param bandwidthMiBps the bandwidth limit in MiB/s, 0 for the hypervisor's default
 * @param maxDowntime    the longest pause the guest may see at switch-over, zero for the default
 */
public record MigrationOptions(long bandwidthMiBps, Duration maxDowntime) {
    public static final MigrationOptions DEFAULT = new MigrationOptions(0, Duration.ZERO);
}
