package org.basket.channel.agent;

import java.time.Duration;
import java.util.Objects;

import org.basket.channel.protocol.FrameCodec;

/**
 * How the agent reaches the manager.
 *
 * @param managerHost       the manager's address as seen from the guest
 * @param managerPort       its channel port
 * @param heartbeatInterval time between heartbeats
 * @param managerSilence    no frame from the manager for this long ends the session (it answers every heartbeat)
 * @param minBackoff        first wait before reconnecting; doubles up to {@code maxBackoff}, random jitter of up to half
 * @param maxBackoff        longest wait; also the wait after a refusal
 * @param connectTimeout    TCP connect and TLS handshake limit
 * @param software          what the agent tells the manager it runs (version), for display
 * @param maxFrameBytes     larger frames from the manager are malformed
 */
public record AgentChannelConfig(String managerHost, int managerPort, Duration heartbeatInterval, Duration managerSilence,
        Duration minBackoff, Duration maxBackoff, Duration connectTimeout, String software, int maxFrameBytes) {

    public AgentChannelConfig {
        Objects.requireNonNull(managerHost, "managerHost");
        for (Duration d : new Duration[] {heartbeatInterval, managerSilence, minBackoff, maxBackoff, connectTimeout}) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("durations must be positive: " + d);
            }
        }
        if (maxBackoff.compareTo(minBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff " + maxBackoff + " is below minBackoff " + minBackoff);
        }
        if (managerSilence.compareTo(heartbeatInterval) <= 0) {
            throw new IllegalArgumentException("managerSilence must exceed heartbeatInterval");
        }
        software = software == null ? "basket-agent" : software;
    }

    /** Heartbeats every 5 s, the manager silent for 3 of them ends the session, reconnect after 1 s to 60 s. */
    public static AgentChannelConfig defaults(String managerHost, int managerPort) {
        return new AgentChannelConfig(managerHost, managerPort, Duration.ofSeconds(5), Duration.ofSeconds(15),
                Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofSeconds(10), "basket-agent",
                FrameCodec.DEFAULT_MAX_FRAME_BYTES);
    }

    public AgentChannelConfig withHeartbeat(Duration interval, Duration silence) {
        return new AgentChannelConfig(managerHost, managerPort, interval, silence, minBackoff, maxBackoff, connectTimeout,
                software, maxFrameBytes);
    }

    public AgentChannelConfig withBackoff(Duration min, Duration max) {
        return new AgentChannelConfig(managerHost, managerPort, heartbeatInterval, managerSilence, min, max, connectTimeout,
                software, maxFrameBytes);
    }
}
