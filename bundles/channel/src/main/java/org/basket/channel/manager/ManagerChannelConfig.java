package org.basket.channel.manager;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import org.basket.channel.protocol.FrameCodec;

/**
 * Where and how the manager listens.
 *
 * @param bindAddress      the address to listen on ({@code 0.0.0.0} for all)
 * @param port             the TCP port, 0 for any free one (tests)
 * @param managerName      the common name of the manager's server certificate
 * @param hostNames        names and addresses agents reach the manager by, put in its certificate
 * @param handshakeTimeout how long in all a new connection may take to finish TLS and its first frame
 * @param idleTimeout      a session that sends nothing (not even a heartbeat) for this long is closed
 * @param maxFrameBytes    larger frames are malformed
 * @param limits           what unauthenticated peers may cost, how often enrolment may fail
 */
public record ManagerChannelConfig(String bindAddress, int port, String managerName, List<String> hostNames,
        Duration handshakeTimeout, Duration idleTimeout, int maxFrameBytes, ChannelLimits limits) {

    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);

    public ManagerChannelConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        Objects.requireNonNull(managerName, "managerName");
        hostNames = List.copyOf(hostNames);
        requirePositive(handshakeTimeout, "handshakeTimeout");
        requirePositive(idleTimeout, "idleTimeout");
        Objects.requireNonNull(limits, "limits");
    }

    public static ManagerChannelConfig defaults(String bindAddress, int port) {
        return new ManagerChannelConfig(bindAddress, port, "basket-manager", List.of(bindAddress),
                DEFAULT_HANDSHAKE_TIMEOUT, DEFAULT_IDLE_TIMEOUT, FrameCodec.DEFAULT_MAX_FRAME_BYTES, ChannelLimits.DEFAULTS);
    }

    public ManagerChannelConfig withIdleTimeout(Duration timeout) {
        return new ManagerChannelConfig(bindAddress, port, managerName, hostNames, handshakeTimeout, timeout, maxFrameBytes, limits);
    }

    public ManagerChannelConfig withHandshakeTimeout(Duration timeout) {
        return new ManagerChannelConfig(bindAddress, port, managerName, hostNames, timeout, idleTimeout, maxFrameBytes, limits);
    }

    public ManagerChannelConfig withLimits(ChannelLimits newLimits) {
        return new ManagerChannelConfig(bindAddress, port, managerName, hostNames, handshakeTimeout, idleTimeout, maxFrameBytes,
                newLimits);
    }

    public ManagerChannelConfig withPort(int newPort) {
        return new ManagerChannelConfig(bindAddress, newPort, managerName, hostNames, handshakeTimeout, idleTimeout, maxFrameBytes,
                limits);
    }

    private static void requirePositive(Duration duration, String name) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + duration);
        }
    }
}
