package org.basket.agents;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.basket.api.config.ConfigException;
import org.basket.api.config.KeyProblems;
import org.basket.api.config.StrictConfig;
import org.basket.channel.manager.ChannelLimits;

/**
 * The checked configuration of PID {@value #PID}, its keys declared by {@link AgentsConfig} and read
 * strictly: an unknown key (a typo such as {@code bind.adress}) or a bad value is refused with the file,
 * the key and the value.
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

    /** Reads {@link AgentsConfig} strictly; every bad key is named in one {@link ConfigException}. */
    static AgentsSettings from(Map<String, ?> properties) throws ConfigException {
        KeyProblems problems = new KeyProblems();
        AgentsConfig c = StrictConfig.read(AgentsConfig.class, properties, problems);
        Path state = c.state_directory().isBlank() ? defaultStateDirectory() : Path.of(c.state_directory().trim());
        int port = (int) problems.within("port", c.port(), 0, 65535);
        Optional<String> advertised = Optional.of(c.advertised_address().trim()).filter(a -> !a.isEmpty());
        advertised.filter(address -> !isHostAndPort(address))
                .ifPresent(address -> problems.add("advertised.address", address, "must be HOST:PORT"));
        Duration timeout = Duration.ofMillis(problems.within("command.timeout.ms", c.command_timeout_ms(), 1, Long.MAX_VALUE));
        Duration validity = Duration.ofMillis(problems.within("token.validity.ms", c.token_validity_ms(), 1, Long.MAX_VALUE));
        Duration handshake = Duration.ofMillis(problems.within("handshake.timeout.ms", c.handshake_timeout_ms(), 100, 600_000));
        int maxPreAuth = (int) problems.within("preauth.max.connections", c.preauth_max_connections(), 1, 100_000);
        int perAddress = (int) problems.within("preauth.max.per.address", c.preauth_max_per_address(), 1, maxPreAuth);
        int freeFailures = (int) problems.within("enrol.free.failures", c.enrol_free_failures(), 0, 1000);
        long minBackoff = problems.within("enrol.backoff.min.ms", c.enrol_backoff_min_ms(), 1, 86_400_000);
        long maxBackoff = problems.within("enrol.backoff.max.ms", c.enrol_backoff_max_ms(), minBackoff, 86_400_000);
        Duration certificates = Duration.ofDays(problems.within("certificate.validity.days", c.certificate_validity_days(), 1, 3650));
        problems.throwIfAny();
        ChannelLimits limits = new ChannelLimits(maxPreAuth, perAddress, ChannelLimits.DEFAULTS.maxPreAuthFrameBytes(),
                freeFailures, Duration.ofMillis(minBackoff), Duration.ofMillis(maxBackoff));
        return new AgentsSettings(state, c.bind_address().trim(), port, advertised, timeout, validity, handshake, limits,
                certificates);
    }

    /** Where the configuration came from, for messages: its file, else the PID. */
    static String source(Map<String, ?> properties) {
        return StrictConfig.source(PID, properties);
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

    private static boolean isHostAndPort(String address) {
        int colon = address.lastIndexOf(':');
        String port = address.substring(colon + 1);
        return colon > 0 && !port.isEmpty() && port.length() <= 5 && port.chars().allMatch(Character::isDigit)
                && Integer.parseInt(port) <= 65535;
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
