package org.basket.driver.libvirt.internal;

import java.time.Duration;
import java.util.Set;

import org.basket.api.driver.DriverConfig;
import org.basket.api.driver.DriverException;

/**
 * The keys of a libvirt endpoint's configuration, parsed. The password is kept here only; it is
 * never part of a message or {@link #toString()}.
 *
 * @param username          for URIs that ask for credentials (SASL, TLS with auth); empty for none
 * @param password          the matching passphrase
 * @param connectTimeout    how long attaching a host waits for its libvirt to answer
 * @param keepaliveInterval seconds between keepalive probes on remote connections
 * @param keepaliveCount    unanswered probes before libvirt closes the connection
 * @param reconnectInterval how often a lost connection is retried
 * @param peerToPeer        whether the source host's libvirtd drives live migrations itself
 * @param persistOnTarget   whether a migrated domain is defined on its target
 * @param undefineSource    whether a migrated domain's definition is removed from its source
 * @param bandwidthMiBps    migration bandwidth when the engine asks for the default, 0 for libvirt's
 * @param maxDowntime       migration downtime limit when the engine asks for the default, zero for libvirt's
 */
record LibvirtSettings(String username, String password, Duration connectTimeout, int keepaliveInterval, int keepaliveCount,
                       Duration reconnectInterval, boolean peerToPeer, boolean persistOnTarget,
                       boolean undefineSource, long bandwidthMiBps, Duration maxDowntime) {

    static final String USERNAME = "username";
    static final String PASSWORD = "password";
    static final String CONNECT_TIMEOUT_MS = "connect.timeout.ms";
    static final String KEEPALIVE_INTERVAL_S = "keepalive.interval.s";
    static final String KEEPALIVE_COUNT = "keepalive.count";
    static final String RECONNECT_INTERVAL_MS = "reconnect.interval.ms";
    static final String MIGRATION_MODE = "migration.mode";
    static final String MIGRATION_PERSIST = "migration.persist";
    static final String MIGRATION_UNDEFINE_SOURCE = "migration.undefine.source";
    static final String MIGRATION_BANDWIDTH_MIBPS = "migration.bandwidth.mibps";
    static final String MIGRATION_MAX_DOWNTIME_MS = "migration.max.downtime.ms";
    static final Set<String> KEYS = Set.of(USERNAME, PASSWORD, CONNECT_TIMEOUT_MS, KEEPALIVE_INTERVAL_S, KEEPALIVE_COUNT,
            RECONNECT_INTERVAL_MS, MIGRATION_MODE, MIGRATION_PERSIST, MIGRATION_UNDEFINE_SOURCE,
            MIGRATION_BANDWIDTH_MIBPS, MIGRATION_MAX_DOWNTIME_MS);

    static final String MODE_DIRECT = "direct";
    static final String MODE_P2P = "p2p";

    static LibvirtSettings parse(DriverConfig config) throws DriverException {
        config.requireKnownKeys(KEYS);
        String username = config.get(USERNAME, "").trim();
        String password = config.get(PASSWORD, "");
        if (!password.isEmpty() && username.isEmpty()) {
            throw new DriverException("driver '" + config.name() + "': key '" + PASSWORD + "' needs '" + USERNAME + "'");
        }
        String mode = config.get(MIGRATION_MODE, MODE_DIRECT).trim();
        if (!mode.equals(MODE_DIRECT) && !mode.equals(MODE_P2P)) {
            throw new DriverException("driver '" + config.name() + "': key '" + MIGRATION_MODE + "': '" + mode
                    + "' is neither " + MODE_DIRECT + " nor " + MODE_P2P);
        }
        return new LibvirtSettings(username, password,
                Duration.ofMillis(bounded(config, CONNECT_TIMEOUT_MS, 10_000, 100, 600_000)),
                (int) bounded(config, KEEPALIVE_INTERVAL_S, 5, 1, 3600),
                (int) bounded(config, KEEPALIVE_COUNT, 3, 1, 100),
                Duration.ofMillis(bounded(config, RECONNECT_INTERVAL_MS, 2000, 100, 3_600_000)),
                mode.equals(MODE_P2P),
                flag(config, MIGRATION_PERSIST, true),
                flag(config, MIGRATION_UNDEFINE_SOURCE, true),
                bounded(config, MIGRATION_BANDWIDTH_MIBPS, 0, 0, 1_000_000),
                Duration.ofMillis(bounded(config, MIGRATION_MAX_DOWNTIME_MS, 0, 0, 3_600_000)));
    }

    boolean hasCredentials() {
        return !username.isEmpty();
    }

    @Override
    public String toString() {
        return "LibvirtSettings[username=" + username + ", password=" + (password.isEmpty() ? "" : "***")
                + ", connectTimeout=" + connectTimeout + ", keepalive=" + keepaliveInterval + "s x" + keepaliveCount + ", reconnect=" + reconnectInterval
                + ", p2p=" + peerToPeer + ", persist=" + persistOnTarget + ", undefineSource=" + undefineSource
                + ", bandwidth=" + bandwidthMiBps + " MiB/s, maxDowntime=" + maxDowntime + "]";
    }

    private static boolean flag(DriverConfig config, String key, boolean defaultValue) throws DriverException {
        String value = config.get(key, Boolean.toString(defaultValue)).trim();
        if (!value.equals("true") && !value.equals("false")) {
            throw new DriverException("driver '" + config.name() + "': key '" + key + "': '" + value
                    + "' is neither true nor false");
        }
        return Boolean.parseBoolean(value);
    }

    private static long bounded(DriverConfig config, String key, long defaultValue, long min, long max)
            throws DriverException {
        long value = config.getLong(key, defaultValue);
        if (value < min || value > max) {
            throw new DriverException("driver '" + config.name() + "': key '" + key + "': " + value
                    + " is out of range [" + min + ", " + max + "]");
        }
        return value;
    }
}
