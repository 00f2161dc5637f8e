package org.basket.agents;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.basket.channel.manager.ChannelLimits;

/**
 * The checked configuration of PID {@value #PID}, read strictly: an unknown key (a typo such as
 * {@code bind.adress}) or a bad value is refused with the file, the key and the value.
 *
 * @param advertisedAddress   HOST:PORT agents are told; empty for this machine's host name and the listening port
 * @param handshakeTimeout    how long in all a new connection may take for TLS and its first frame
 * @param limits              what unauthenticated peers may cost; how often enrolment may fail
 * @param certificateValidity how long an agent certificate is valid
 */
record AgentsSettings(Path stateDirectory, String bindAddress, int port, Optional<String> advertisedAddress,
        Duration commandTimeout, Duration tokenValidity, Duration handshakeTimeout, ChannelLimits limits,
        Duration certificateValidity) {

    static final String PID = "org.basket.agents";
    static final String DEFAULT_BIND_ADDRESS = "0.0.0.0";
    static final int DEFAULT_PORT = 8543;
    static final long DEFAULT_COMMAND_TIMEOUT_MS = 60_000;
    static final long DEFAULT_TOKEN_VALIDITY_MS = 30 * 60_000;
    static final long DEFAULT_HANDSHAKE_TIMEOUT_MS = 10_000;
    static final long DEFAULT_CERTIFICATE_VALIDITY_DAYS = 30;
    static final Set<String> KEYS = new TreeSet<>(List.of("state.directory", "bind.address", "port", "advertised.address",
            "command.timeout.ms", "token.validity.ms", "handshake.timeout.ms", "preauth.max.connections",
            "preauth.max.per.address", "enrol.free.failures", "enrol.backoff.min.ms", "enrol.backoff.max.ms",
            "certificate.validity.days"));
    /** Prefixes of the keys that Config Admin, File Install and Declarative Services add; never the user's. */
    private static final List<String> FRAMEWORK_PREFIXES = List.of("service.", "felix.", "component.", "osgi.");

    static AgentsSettings from(Map<String, ?> properties) {
        String file = source(properties);
        requireKnownKeys(properties, file);
        Path state = text(properties, "state.directory").map(Path::of).orElseGet(AgentsSettings::defaultStateDirectory);
        String bind = text(properties, "bind.address").orElse(DEFAULT_BIND_ADDRESS);
        int port = (int) number(properties, file, "port", DEFAULT_PORT, 0, 65535);
        Optional<String> advertised = text(properties, "advertised.address");
        advertised.ifPresent(address -> requireHostAndPort(address, file));
        Duration timeout = Duration.ofMillis(number(properties, file, "command.timeout.ms", DEFAULT_COMMAND_TIMEOUT_MS, 1, Long.MAX_VALUE));
        Duration validity = Duration.ofMillis(number(properties, file, "token.validity.ms", DEFAULT_TOKEN_VALIDITY_MS, 1, Long.MAX_VALUE));
        Duration handshake = Duration.ofMillis(number(properties, file, "handshake.timeout.ms", DEFAULT_HANDSHAKE_TIMEOUT_MS, 100,
                600_000));
        ChannelLimits defaults = ChannelLimits.DEFAULTS;
        int maxPreAuth = (int) number(properties, file, "preauth.max.connections", defaults.maxPreAuthConnections(), 1, 100_000);
        int perAddress = (int) number(properties, file, "preauth.max.per.address", defaults.maxPreAuthPerAddress(), 1, maxPreAuth);
        int freeFailures = (int) number(properties, file, "enrol.free.failures", defaults.enrolFreeFailures(), 0, 1000);
        long minBackoff = number(properties, file, "enrol.backoff.min.ms", defaults.enrolMinBackoff().toMillis(), 1,
                86_400_000);
        long maxBackoff = number(properties, file, "enrol.backoff.max.ms", defaults.enrolMaxBackoff().toMillis(), minBackoff,
                86_400_000);
        ChannelLimits limits = new ChannelLimits(maxPreAuth, perAddress, defaults.maxPreAuthFrameBytes(), freeFailures,
                Duration.ofMillis(minBackoff), Duration.ofMillis(maxBackoff));
        Duration certificates = Duration.ofDays(number(properties, file, "certificate.validity.days",
                DEFAULT_CERTIFICATE_VALIDITY_DAYS, 1, 3650));
        return new AgentsSettings(state, bind, port, advertised, timeout, validity, handshake, limits, certificates);
    }

    private static void requireKnownKeys(Map<String, ?> properties, String file) {
        for (Map.Entry<String, ?> entry : new TreeMap<>(properties).entrySet()) {
            String key = entry.getKey();
            if (!KEYS.contains(key) && FRAMEWORK_PREFIXES.stream().noneMatch(key::startsWith)) {
                throw new IllegalArgumentException(file + ": unknown key '" + key + "' = '" + entry.getValue()
                        + "' (known keys: " + String.join(", ", KEYS) + ")");
            }
        }
    }

    /** Whether the listener and the CA stay as they are when going from this to {@code other}. */
    boolean sameChannel(AgentsSettings other) {
        return stateDirectory.equals(other.stateDirectory) && bindAddress.equals(other.bindAddress) && port == other.port
                && advertisedAddress.equals(other.advertisedAddress) && handshakeTimeout.equals(other.handshakeTimeout)
                && limits.equals(other.limits) && certificateValidity.equals(other.certificateValidity);
    }

    /** HOST:PORT for agents, {@code listeningPort} filling in when nothing is configured. */
    String advertisedAddress(int listeningPort) {
        return advertisedAddress.orElseGet(() -> localHostName() + ":" + listeningPort);
    }

    String advertisedHost() {
        String address = advertisedAddress(port);
        return address.substring(0, address.lastIndexOf(':'));
    }

    private static void requireHostAndPort(String address, String file) {
        int colon = address.lastIndexOf(':');
        boolean valid = colon > 0 && colon < address.length() - 1 && address.substring(colon + 1).chars().allMatch(Character::isDigit)
                && Integer.parseInt(address.substring(colon + 1)) <= 65535;
        if (!valid) {
            throw new IllegalArgumentException(file + ": advertised.address must be HOST:PORT, not '" + address + "'");
        }
    }

    private static long number(Map<String, ?> properties, String file, String key, long fallback, long min, long max) {
        Optional<String> value = text(properties, key);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            long number = Long.parseLong(value.get());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(file + ": " + key + " must be a whole number from " + min
                + (max == Long.MAX_VALUE ? " up" : " to " + max) + ", not '" + value.get() + "'");
    }

    private static Optional<String> text(Map<String, ?> properties, String key) {
        Object value = properties.get(key);
        return value == null || value.toString().isBlank() ? Optional.empty() : Optional.of(value.toString().trim());
    }

    /** The file Karaf's File Install read the configuration from, for error messages. */
    private static String source(Map<String, ?> properties) {
        Object file = properties.get("felix.fileinstall.filename");
        if (file == null) {
            return "etc/" + PID + ".cfg";
        }
        try {
            return Path.of(URI.create(file.toString())).toString();
        } catch (IllegalArgumentException e) {
            return file.toString();
        }
    }

    private static Path defaultStateDirectory() {
        return Path.of(System.getProperty("karaf.data", "data"), "basket", "agents");
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
