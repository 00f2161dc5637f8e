package org.basket.channel.manager;

import java.time.Duration;

/**
 * What a peer may cost the manager before it is authenticated, and how often enrolment may fail.
 *
 * @param maxPreAuthConnections connections at once that have not finished TLS and their first frame (overall)
 * @param maxPreAuthPerAddress  the same, from one source address
 * @param maxPreAuthFrameBytes  the largest frame before authentication (an {@code ENROL} or {@code HELLO}); checked
 *                              on the length prefix, before anything is allocated
 * @param enrolFreeFailures     failed enrolments from one address before it must wait; ten times as many overall
 * @param enrolMinBackoff       the first wait, doubling with each further failure
 * @param enrolMaxBackoff       the longest wait; failures this long ago are forgotten
 */
public record ChannelLimits(int maxPreAuthConnections, int maxPreAuthPerAddress, int maxPreAuthFrameBytes,
        int enrolFreeFailures, Duration enrolMinBackoff, Duration enrolMaxBackoff) {

    public static final ChannelLimits DEFAULTS = new ChannelLimits(64, 8, 16 * 1024, 5, Duration.ofSeconds(1),
            Duration.ofMinutes(5));

    public ChannelLimits {
        requireAtLeast(1, maxPreAuthConnections, "maxPreAuthConnections");
        requireAtLeast(1, maxPreAuthPerAddress, "maxPreAuthPerAddress");
        requireAtLeast(1024, maxPreAuthFrameBytes, "maxPreAuthFrameBytes");
        requireAtLeast(0, enrolFreeFailures, "enrolFreeFailures");
        if (enrolMinBackoff.isNegative() || enrolMinBackoff.isZero() || enrolMaxBackoff.compareTo(enrolMinBackoff) < 0) {
            throw new IllegalArgumentException("enrolment back-off must be positive, its maximum at least its minimum: "
                    + enrolMinBackoff + ", " + enrolMaxBackoff);
        }
    }

    private static void requireAtLeast(int min, int value, String name) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be at least " + min + ": " + value);
        }
    }
}
