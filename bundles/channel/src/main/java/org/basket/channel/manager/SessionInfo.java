package org.basket.channel.manager;

import java.math.BigInteger;
import java.time.Instant;

/** An agent's live session, as the manager sees it. */
public record SessionInfo(String agentName, String remoteAddress, Instant connectedAt, BigInteger certificateSerial,
        String agentSoftware) {
}
