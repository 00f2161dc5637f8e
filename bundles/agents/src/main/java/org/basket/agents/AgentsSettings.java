package org.basket.agents;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The checked configuration of PID {@value #PID}. A bad value is refused with the key, the value and
 * the file it came from.
 *
 * @param advertisedAddress HOST:PORT agents are told; empty for this machine's host name and the listening port
 */
record AgentsSettings(Path stateDirectory, String bindAddress, int port, Optional<String> advertisedAddress,
        Duration commandTimeout, Duration tokenValidity) {

    static final String PID = "org.basket.agents";
    static final String DEFAULT_BIND_ADDRESS = "0.0.0.0";
    static final int DEFAULT_PORT = 8543;
    static final long DEFAULT_COMMAND_TIMEOUT_MS = 60_000;
    static final long DEFAULT_TOKEN_VALIDITY_MS = 30 * 60_000;

    static AgentsSettings from(Map<String, ?> properties) {
        String file = source(properties);
        Path state = text(properties, "state.directory").map(Path::of).orElseGet(AgentsSettings::defaultStateDirectory);
        String bind = text(properties, "bind.address").orElse(DEFAULT_BIND_ADDRESS);
        int port = (int) number(properties, file, "port", DEFAULT_PORT, 0, 65535);
        Optional<String> advertised = text(properties, "advertised.address");
        advertised.ifPresent(address -> requireHostAndPort(address, file));
        Duration timeout = Duration.ofMillis(number(properties, file, "command.timeout.ms", DEFAULT_COMMAND_TIMEOUT_MS, 1, Long.MAX_VALUE));
        Duration validity = Duration.ofMillis(number(properties, file, "token.validity.ms", DEFAULT_TOKEN_VALIDITY_MS, 1, Long.MAX_VALUE));
        return new AgentsSettings(state, bind, port, advertised, timeout, validity);
    }

    /** Whether the listener and the CA stay as they are when going from this to {@code other}. */
    boolean sameChannel(AgentsSettings other) {
        return stateDirectory.equals(other.stateDirectory) && bindAddress.equals(other.bindAddress) && port == other.port
                && advertisedAddress.equals(other.advertisedAddress);
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
