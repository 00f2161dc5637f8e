package org.basket.coordination;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The checked content of {@code etc/org.basket.coordination.cfg}, read strictly: an unknown key, a bad value or a
 * missing one is refused naming the file, the key and the value (passwords masked). Kept in this one class so that it
 * can move onto the shared strict reader of the api.
 *
 * @param lease             how long one answer of the ensemble lets the leader act; shorter than the session timeout
 * @param connectionTimeout how long a connection attempt may take
 * @param tls               empty: plain TCP
 * @param digest            {@code user:password} for ZooKeeper's digest authentication; its nodes are then its own
 * @param saslLoginContext  the JAAS section for SASL (Kerberos, DIGEST-MD5), empty for none
 */
record CoordinationSettings(Mode mode, String managerId, String connect, String chroot, Duration sessionTimeout,
        Duration lease, Duration connectionTimeout, Optional<Tls> tls, Optional<String> digest,
        Optional<String> saslLoginContext) {

    static final String PID = "org.basket.coordination";
    static final String FILE = "etc/" + PID + ".cfg";
    static final long DEFAULT_SESSION_TIMEOUT_MS = 4_000;
    static final long DEFAULT_LEASE_MS = 1_500;
    static final long DEFAULT_CONNECTION_TIMEOUT_MS = 5_000;
    static final String DEFAULT_CHROOT = "/basket";
    static final Set<String> KEYS = new TreeSet<>(List.of("mode", "manager.id", "zookeeper.connect", "zookeeper.chroot",
            "session.timeout.ms", "lease.ms", "connection.timeout.ms", "tls.enabled", "tls.keystore.location",
            "tls.keystore.password", "tls.truststore.location", "tls.truststore.password", "auth.digest",
            "sasl.login.context"));
    private static final Set<String> SECRETS = Set.of("tls.keystore.password", "tls.truststore.password", "auth.digest");
    private static final List<String> FRAMEWORK_PREFIXES = List.of("service.", "felix.", "component.", "osgi.");
    private static final Pattern MANAGER_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern CHROOT = Pattern.compile("(/[A-Za-z0-9._-]+)+");
    private static final Pattern HOST_PORT = Pattern.compile("[A-Za-z0-9.:\\[\\]-]+:\\d{1,5}");

    enum Mode { EMBEDDED, ZOOKEEPER }

    /** Mutual or server-only TLS to the ensemble (ZooKeeper's Netty client). */
    record Tls(String keyStore, String keyStorePassword, String trustStore, String trustStorePassword) {
        @Override
        public String toString() {
            return "Tls[keyStore=" + keyStore + ", trustStore=" + trustStore + ", passwords masked]";
        }
    }

    static CoordinationSettings from(Map<String, ?> properties) {
        requireKnownKeys(properties);
        Mode mode = switch (text(properties, "mode").orElse("embedded").toLowerCase(Locale.ROOT)) {
            case "embedded" -> Mode.EMBEDDED;
            case "zookeeper" -> Mode.ZOOKEEPER;
            default -> throw refused(properties, "mode", "must be embedded or zookeeper");
        };
        String managerId = text(properties, "manager.id").orElseGet(CoordinationSettings::hostName);
        if (!MANAGER_ID.matcher(managerId).matches()) {
            throw refused(properties, "manager.id", "must be 1 to 64 characters of A-Z a-z 0-9 . _ -");
        }
        String connect = text(properties, "zookeeper.connect").orElse("");
        if (mode == Mode.ZOOKEEPER) {
            if (connect.isEmpty()) {
                throw new IllegalArgumentException(FILE + ": zookeeper.connect is required with mode = zookeeper "
                        + "(host:port,host:port,...)");
            }
            for (String server : connect.split(",")) {
                if (!HOST_PORT.matcher(server.trim()).matches()) {
                    throw refused(properties, "zookeeper.connect", "must be host:port,host:port,... (a chroot goes "
                            + "into zookeeper.chroot)");
                }
            }
        }
        String chroot = text(properties, "zookeeper.chroot").orElse(DEFAULT_CHROOT);
        if (!CHROOT.matcher(chroot).matches() || chroot.matches(".*/\\.\\.?(/.*)?")) {
            throw refused(properties, "zookeeper.chroot", "must be an absolute path such as /basket/cluster1");
        }
        Duration session = millis(properties, "session.timeout.ms", DEFAULT_SESSION_TIMEOUT_MS, 1_000, 600_000);
        Duration lease = millis(properties, "lease.ms", Math.min(DEFAULT_LEASE_MS, session.toMillis() / 2), 100,
                600_000);
        if (lease.compareTo(session) >= 0) {
            throw refused(properties, "lease.ms", "must be shorter than session.timeout.ms (" + session.toMillis()
                    + "): the lease is what lets a leader act without an answer, and only a session that expired ends it");
        }
        Duration connection = millis(properties, "connection.timeout.ms", DEFAULT_CONNECTION_TIMEOUT_MS, 100, 600_000);
        Optional<Tls> tls = tls(properties);
        Optional<String> digest = text(properties, "auth.digest");
        if (digest.isPresent() && !digest.get().matches("[^:]+:.+")) {
            throw refused(properties, "auth.digest", "must be user:password");
        }
        Optional<String> sasl = text(properties, "sasl.login.context");
        return new CoordinationSettings(mode, managerId, connect.replace(" ", ""), chroot, session, lease, connection,
                tls, digest, sasl);
    }

    @Override
    public String toString() {
        return "mode=" + mode + ", manager.id=" + managerId + (mode == Mode.EMBEDDED ? ""
                : ", zookeeper.connect=" + connect + ", zookeeper.chroot=" + chroot + ", session.timeout.ms="
                        + sessionTimeout.toMillis() + ", lease.ms=" + lease.toMillis() + tls.map(t -> ", " + t).orElse("")
                        + digest.map(d -> ", auth.digest=" + d.substring(0, d.indexOf(':')) + ":****").orElse("")
                        + saslLoginContext.map(s -> ", sasl.login.context=" + s).orElse(""));
    }

    private static Optional<Tls> tls(Map<String, ?> properties) {
        String enabled = text(properties, "tls.enabled").orElse("false").toLowerCase(Locale.ROOT);
        if (!enabled.equals("true") && !enabled.equals("false")) {
            throw refused(properties, "tls.enabled", "must be true or false");
        }
        if (enabled.equals("false")) {
            for (String key : KEYS) {
                if (key.startsWith("tls.") && !key.equals("tls.enabled") && text(properties, key).isPresent()) {
                    throw refused(properties, key, "is set but tls.enabled is not true");
                }
            }
            return Optional.empty();
        }
        String trustStore = text(properties, "tls.truststore.location")
                .orElseThrow(() -> new IllegalArgumentException(FILE + ": tls.truststore.location is required with "
                        + "tls.enabled = true"));
        return Optional.of(new Tls(text(properties, "tls.keystore.location").orElse(""),
                text(properties, "tls.keystore.password").orElse(""), trustStore,
                text(properties, "tls.truststore.password").orElse("")));
    }

    private static void requireKnownKeys(Map<String, ?> properties) {
        for (String key : new TreeMap<>(properties).keySet()) {
            if (!KEYS.contains(key) && FRAMEWORK_PREFIXES.stream().noneMatch(key::startsWith)) {
                throw refused(properties, key, "is not a known key (known keys: " + String.join(", ", KEYS) + ")");
            }
        }
    }

    private static Duration millis(Map<String, ?> properties, String key, long fallback, long min, long max) {
        Optional<String> value = text(properties, key);
        if (value.isEmpty()) {
            return Duration.ofMillis(fallback);
        }
        try {
            long number = Long.parseLong(value.get());
            if (number >= min && number <= max) {
                return Duration.ofMillis(number);
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw refused(properties, key, "must be a whole number from " + min + " to " + max);
    }

    private static Optional<String> text(Map<String, ?> properties, String key) {
        Object value = properties.get(key);
        return value == null || value.toString().isBlank() ? Optional.empty() : Optional.of(value.toString().trim());
    }

    private static IllegalArgumentException refused(Map<String, ?> properties, String key, String why) {
        Object value = properties.get(key);
        String shown = value == null ? "" : SECRETS.contains(key) ? "****" : value.toString();
        return new IllegalArgumentException(FILE + ": " + key + " = '" + shown + "' " + why);
    }

    private static String hostName() {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            int dot = name.indexOf('.');
            return dot > 0 ? name.substring(0, dot) : name;
        } catch (UnknownHostException e) {
            return "manager";
        }
    }
}
