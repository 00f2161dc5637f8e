package org.basket.channel.manager;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;

/**
 * Warnings about one source address at most once a {@link #WINDOW}: the rest are counted and the count
 * is told with the next line logged for that address. Keeps at most {@link #MAX_ADDRESSES} addresses.
 */
final class CoalescedLog {
    static final Duration WINDOW = Duration.ofMinutes(1);
    static final int MAX_ADDRESSES = 4096;

    private final Logger log;
    private final Clock clock;
    private final Map<String, Entry> byAddress = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > MAX_ADDRESSES;
        }
    };

    private static final class Entry {
        Instant logged;
        int suppressed;
    }

    CoalescedLog(Logger log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    /** Logs {@code Refused HOST:PORT: reason} unless its host was logged within the window; true if logged. */
    boolean refused(String remote, String reason) {
        Instant now = clock.instant();
        String address = remote.substring(0, Math.max(0, remote.lastIndexOf(':')));
        int suppressed;
        synchronized (byAddress) {
            Entry entry = byAddress.computeIfAbsent(address, key -> new Entry());
            if (entry.logged != null && now.isBefore(entry.logged.plus(WINDOW))) {
                entry.suppressed++;
                return false;
            }
            suppressed = entry.suppressed;
            entry.logged = now;
            entry.suppressed = 0;
        }
        if (suppressed == 0) {
            log.warn("Refused {}: {}", remote, reason);
        } else {
            log.warn("Refused {}: {} ({} more refusals of {} in the last {} s not logged)", remote, reason, suppressed, address,
                    WINDOW.toSeconds());
        }
        return true;
    }
}
