package org.basket.channel.manager;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;

/** Counts the connections not yet authenticated, overall and per source address, within {@link ChannelLimits}. */
final class PreAuthAdmission {
    private final int maxOverall;
    private final int maxPerAddress;
    private final Map<InetAddress, Integer> perAddress = new HashMap<>();
    private int overall;

    PreAuthAdmission(ChannelLimits limits) {
        this.maxOverall = limits.maxPreAuthConnections();
        this.maxPerAddress = limits.maxPreAuthPerAddress();
    }

    /** Null if admitted (then {@link #release} once), else why not. */
    synchronized String admit(InetAddress address) {
        if (overall >= maxOverall) {
            return maxOverall + " connections are already authenticating";
        }
        int fromAddress = perAddress.getOrDefault(address, 0);
        if (fromAddress >= maxPerAddress) {
            return maxPerAddress + " connections from this address are already authenticating";
        }
        overall++;
        perAddress.put(address, fromAddress + 1);
        return null;
    }

    synchronized void release(InetAddress address) {
        overall--;
        perAddress.computeIfPresent(address, (key, count) -> count > 1 ? count - 1 : null);
    }

    synchronized int count() {
        return overall;
    }
}
