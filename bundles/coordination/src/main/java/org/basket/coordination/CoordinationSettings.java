package org.basket.coordination;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.basket.api.config.ConfigException;
import org.basket.api.config.KeyProblems;
import org.basket.api.config.StrictConfig;

/**
 * The checked content of {@code etc/org.basket.coordination.cfg} ({@link CoordinationConfig}), read with the api's
 * {@link StrictConfig}: an unknown key or a bad value refuses the whole file, naming every bad key with its value
 * (secrets masked).
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

    /** Reads {@link CoordinationConfig} strictly: every bad key at once, named with its value (secrets masked). */
    static CoordinationSettings from(Map<String, ?> properties) throws ConfigException {
        CoordinationConfig c = StrictConfig.read(CoordinationConfig.class, properties);
        KeyProblems problems = new KeyProblems();
        Mode mode = switch (c.mode().trim().toLowerCase(Locale.ROOT)) {
            case "embedded" -> Mode.EMBEDDED;
            case "zookeeper" -> Mode.ZOOKEEPER;
            default -> {
                problems.add("mode", c.mode(), "must be embedded or zookeeper");
                yield Mode.EMBEDDED;
            }
        };
        String managerId = c.manager_id().isBlank() ? hostName() : c.manager_id().trim();
        if (!MANAGER_ID.matcher(managerId).matches()) {
            problems.add("manager.id", managerId, "must be 1 to 64 characters of A-Z a-z 0-9 . _ -");
        }
        String connect = c.zookeeper_connect().replace(" ", "");
        if (mode == Mode.ZOOKEEPER && connect.isEmpty()) {
            problems.add("zookeeper.connect", "required with mode = zookeeper (host:port,host:port,...)");
        } else if (!connect.isEmpty() && !List.of(connect.split(",")).stream().allMatch(s -> HOST_PORT.matcher(s).matches())) {
            problems.add("zookeeper.connect", connect, "must be host:port,host:port,... (a chroot goes into "
                    + "zookeeper.chroot)");
        }
        String chroot = c.zookeeper_chroot().trim();
        if (!CHROOT.matcher(chroot).matches() || chroot.matches(".*/\\.\\.?(/.*)?")) {
            problems.add("zookeeper.chroot", chroot, "must be an absolute path such as /basket/cluster1");
        }
        long session = problems.within("session.timeout.ms", c.session_timeout_ms(), 1_000, 600_000);
        long lease = problems.within("lease.ms", c.lease_ms(), 100, 600_000);
        if (lease >= session) {
            problems.add("lease.ms", lease, "must be shorter than session.timeout.ms (" + session + "): only a "
                    + "session that expired ends a leader's lease");
        }
        long connection = problems.within("connection.timeout.ms", c.connection_timeout_ms(), 100, 600_000);
        Optional<Tls> tls = tls(c, problems);
        Optional<String> digest = optional(c.auth_digest_secret());
        if (digest.isPresent() && !digest.get().matches("[^:]+:.+")) {
            problems.add("auth.digest.secret", digest.get(), "must be user:password");
        }
        problems.throwIfAny();
        return new CoordinationSettings(mode, managerId, connect, chroot, Duration.ofMillis(session),
                Duration.ofMillis(lease), Duration.ofMillis(connection), tls, digest, optional(c.sasl_login_context()));
    }

    @Override
    public String toString() {
        return "mode=" + mode + ", manager.id=" + managerId + (mode == Mode.EMBEDDED ? ""
                : ", zookeeper.connect=" + connect + ", zookeeper.chroot=" + chroot + ", session.timeout.ms="
                        + sessionTimeout.toMillis() + ", lease.ms=" + lease.toMillis() + tls.map(t -> ", " + t).orElse("")
                        + digest.map(d -> ", auth.digest.secret=" + d.substring(0, d.indexOf(':')) + ":****").orElse("")
                        + saslLoginContext.map(s -> ", sasl.login.context=" + s).orElse(""));
    }

    private static Optional<Tls> tls(CoordinationConfig c, KeyProblems problems) {
        if (!c.tls_enabled()) {
            Map<String, String> set = Map.of("tls.keystore.location", c.tls_keystore_location(), "tls.keystore.password",
                    c.tls_keystore_password(), "tls.truststore.location", c.tls_truststore_location(),
                    "tls.truststore.password", c.tls_truststore_password());
            new TreeMap<>(set).forEach((key, value) -> {
                if (!value.isBlank()) {
                    problems.add(key, "is set but tls.enabled is not true");
                }
            });
            return Optional.empty();
        }
        if (c.tls_truststore_location().isBlank()) {
            problems.add("tls.truststore.location", "required with tls.enabled = true");
        }
        return Optional.of(new Tls(c.tls_keystore_location().trim(), c.tls_keystore_password(),
                c.tls_truststore_location().trim(), c.tls_truststore_password()));
    }

    private static Optional<String> optional(String value) {
        return value.isBlank() ? Optional.empty() : Optional.of(value.trim());
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
