package org.basket.core.silence;

import java.time.Duration;
import java.util.Objects;

/**
 * What to do about an agent whose VM runs but which has stopped heartbeating.
 *
 * @param grace       an agent silent longer than this after its last heartbeat is silent
 * @param bootGrace   after its VM starts, an agent has this long to send its first heartbeat
 * @param action      {@link SilenceAction#ALERT} only, or {@link SilenceAction#RESET_VM}
 * @param maxResets   at most this many resets, over all agents, in any {@code resetWindow}; beyond, alerts
 * @param resetWindow the sliding window of {@code maxResets}
 */
public record SilencePolicy(Duration grace, Duration bootGrace, SilenceAction action, int maxResets, Duration resetWindow) {
    public SilencePolicy {
        requirePositive(grace, "grace");
        requirePositive(bootGrace, "bootGrace");
        Objects.requireNonNull(action, "action");
        if (action == SilenceAction.NOTHING) {
            throw new IllegalArgumentException("the policy's action is ALERT or RESET_VM");
        }
        if (maxResets < 0) {
            throw new IllegalArgumentException("maxResets must not be negative: " + maxResets);
        }
        requirePositive(resetWindow, "resetWindow");
    }

    private static void requirePositive(Duration duration, String name) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + duration);
        }
    }
}
