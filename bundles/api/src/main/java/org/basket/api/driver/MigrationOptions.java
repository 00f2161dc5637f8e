package org.basket.api.driver;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Tuning of one live migration.
 *
 * @param bandwidthMiBps the bandwidth limit in MiB/s, 0 for the hypervisor's default
 * @param maxDowntime    the longest pause the guest may see at switch-over, zero for the default
 * @param progress       where the driver reports progress while the migration runs, one readable line
 *                       at a time (e.g. "120 of 512 MiB"), from any thread
 */
public record MigrationOptions(long bandwidthMiBps, Duration maxDowntime, Consumer<String> progress) {
    public static final MigrationOptions DEFAULT = new MigrationOptions(0, Duration.ZERO);

    public MigrationOptions {
        Objects.requireNonNull(maxDowntime, "maxDowntime");
        progress = progress == null ? line -> { } : progress;
    }

    public MigrationOptions(long bandwidthMiBps, Duration maxDowntime) {
        this(bandwidthMiBps, maxDowntime, null);
    }

    public MigrationOptions withProgress(Consumer<String> value) {
        return new MigrationOptions(bandwidthMiBps, maxDowntime, value);
    }
}
