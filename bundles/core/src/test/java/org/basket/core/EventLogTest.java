package org.basket.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;

import org.basket.api.cluster.ClusterEvent;
import org.basket.api.cluster.EventKind;
import org.basket.testsupport.MutableClock;
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

    @Test
    void eventsKeepTheirKindAndSubjectsAndAreRenumberedWhereTheJournalSays() {
        log.entry(EventKind.HOST_FENCED, "host node3 fenced by ipmi").host("node3").warn();
        log.info("something");
        log.continueFrom(1_000_000_001L);
        log.info("after");
        List<ClusterEvent> events = log.recent(10);
        assertEquals(List.of(1_000_000_001L, 1_000_000_002L, 1_000_000_003L),
                events.stream().map(ClusterEvent::sequence).toList());
        assertEquals(EventKind.HOST_FENCED, events.get(0).kind());
        assertEquals("node3", events.get(0).host());
        assertEquals(EventKind.OTHER, events.get(1).kind());
        assertEquals(List.of(events.get(2)), log.after(1_000_000_002L));
    }

    private List<String> messages() {
        return log.recent(100).stream().map(ClusterEvent::message).toList();
    }
}
