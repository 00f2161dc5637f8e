package org.basket.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;

import org.basket.api.cluster.ClusterEvent;
import org.junit.jupiter.api.Test;

class EventLogTest {
    private final MutableClock clock = new MutableClock();
    private final EventLog log = new EventLog(2000, clock);

    @Test
    void aWarningThatRepeatsIsCountedAndTheCountEnteredOnce() {
        for (int i = 0; i < 120; i++) {
            log.warn("host kvm1 is suspect: connection refused");
            log.error("fence kvm1 failed: host kvm1 has no fence device");
            clock.advance(Duration.ofMillis(500));
        }
        assertEquals(List.of("host kvm1 is suspect: connection refused",
                "fence kvm1 failed: host kvm1 has no fence device",
                "host kvm1 is suspect: connection refused (again 119 time(s) until 2026-01-01T00:00:59.500Z)",
                "fence kvm1 failed: host kvm1 has no fence device (again 119 time(s) until 2026-01-01T00:00:59.500Z)"),
                messages());

        log.warn("host kvm1 is suspect: connection refused");
        assertEquals("host kvm1 is suspect: connection refused", messages().get(4), "entered again after a minute");
    }

    @Test
    void whatBasketDidIsNeverCoalesced() {
        for (int i = 0; i < 3; i++) {
            log.info("start db on node1: done in 0 ms");
        }
        assertEquals(3, messages().size());
    }

    private List<String> messages() {
        return log.recent(100).stream().map(ClusterEvent::message).toList();
    }
}
