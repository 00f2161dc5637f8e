package org.basket.driver.libvirt.internal;

import java.time.Duration;
import java.util.Map;

import org.basket.api.config.ConfigException;
import org.basket.api.config.KeyProblems;
import org.basket.api.config.StrictConfig;
import org.basket.api.driver.DriverConfig;
import org.basket.api.driver.DriverException;

/**
 * A libvirt endpoint's configuration ({@link LibvirtConfig}), read. The password is kept here only; it is
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

    static final String MODE_DIRECT = "direct";
    static final String MODE_P2P = "p2p";

    /** Reads {@link LibvirtConfig} strictly; a bad key is a DriverException naming the endpoint, every bad key and value. */
    static LibvirtSettings parse(DriverConfig config) throws DriverException {
        try {
            return read(config.properties());
        } catch (ConfigException e) {
            throw new DriverException(e.describe("driver '" + config.name() + "'"));
        }
    }

    private static LibvirtSettings read(Map<String, String> properties) throws ConfigException {
        KeyProblems problems = new KeyProblems();
        LibvirtConfig c = StrictConfig.read(LibvirtConfig.class, properties, problems);
        String username = c.username().trim();
        if (!c.password().isEmpty() && username.isEmpty()) {
            problems.add("password", "needs 'username'");
        }
        String mode = c.migration_mode().trim();
        if (!mode.equals(MODE_DIRECT) && !mode.equals(MODE_P2P)) {
            problems.add("migration.mode", mode, "neither " + MODE_DIRECT + " nor " + MODE_P2P);
        }
        LibvirtSettings settings = new LibvirtSettings(username, c.password(),
                Duration.ofMillis(problems.within("connect.timeout.ms", c.connect_timeout_ms(), 100, 600_000)),
                (int) problems.within("keepalive.interval.s", c.keepalive_interval_s(), 1, 3600),
                (int) problems.within("keepalive.count", c.keepalive_count(), 1, 100),
                Duration.ofMillis(problems.within("reconnect.interval.ms", c.reconnect_interval_ms(), 100, 3_600_000)),
                mode.equals(MODE_P2P), c.migration_persist(), c.migration_undefine_source(),
                problems.within("migration.bandwidth.mibps", c.migration_bandwidth_mibps(), 0, 1_000_000),
                Duration.ofMillis(problems.within("migration.max.downtime.ms", c.migration_max_downtime_ms(), 0, 3_600_000)));
        problems.throwIfAny();
        return settings;
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
}
