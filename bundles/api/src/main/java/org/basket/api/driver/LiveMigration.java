package org.basket.api.driver;

import org.osgi.annotation.versioning.ConsumerType;

/** Optional capability: move a running domain between two hosts of the same endpoint without stopping it. */
@ConsumerType
public interface LiveMigration {

    /**
     * Migrates and returns when the domain runs on {@code toHost} only. On failure the domain
     * still runs on {@code fromHost}.
     */
    void migrate(String domain, String fromHost, String toHost, MigrationOptions options) throws DriverException;
}
