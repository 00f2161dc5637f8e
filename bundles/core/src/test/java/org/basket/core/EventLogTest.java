package org.basket.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.basket.api.cluster.ClusterEvent;
import org.basket.api.cluster.ClusterEvent.Severity;
import org.basket.api.cluster.EventKind;
import org.basket.api.plan.Action;
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

        assertEquals(List.of(0, 0, 119, 119), log.recent(100).stream().map(ClusterEvent::repeats).toList());

        log.warn("host kvm1 is suspect: connection refused");
        assertEquals("host kvm1 is suspect: connection refused", messages().get(4), "entered again after a minute");
        assertEquals(0, log.recent(1).get(0).repeats());
    }

    @Test
    void theCountOfARepeatedEventHasItsKindSeverityAndSubjects() {
        for (int i = 0; i < 3; i++) {
            log.entry(EventKind.ACTION_FAILED, "start db on node1 failed: no memory")
                    .action(new Action.Start("db", "node1")).error();
            clock.advance(Duration.ofSeconds(10));
        }
        clock.advance(EventRepeats.WINDOW);
        List<ClusterEvent> events = log.recent(10);

        assertEquals(2, events.size(), events.toString());
        ClusterEvent first = events.get(0);
        ClusterEvent count = events.get(1);
        assertEquals(0, first.repeats());
        assertEquals(2, count.repeats());
        assertEquals(List.of(EventKind.ACTION_FAILED, Severity.ERROR, "node1", "db", "start db on node1"),
                List.of(count.kind(), count.severity(), count.host(), count.resource(), count.action()));
        assertEquals("start db on node1 failed: no memory (again 2 time(s) until 2026-01-01T00:00:20Z)",
                count.message());
        assertEquals(clock.instant(), count.time(), "entered when its minute was over");
    }

    @Test
    void theSameWordsAboutAnotherSubjectOrOfAnotherKindAreEnteredEachTime() {
        log.entry(EventKind.HOST_SUSPECT, "no answer").host("node1").warn();
        log.entry(EventKind.HOST_SUSPECT, "no answer").host("node2").warn();
        log.entry(EventKind.RESOURCE_FAILED, "no answer").host("node2").warn();
        log.entry(EventKind.HOST_SUSPECT, "no answer").host("node2").error();
        log.entry(EventKind.HOST_SUSPECT, "no answer").host("node2").warn();

        assertEquals(4, log.recent(10).size(), log.recent(10).toString());
    }

    @Test
    void theCountIsToldWhenItsMinuteIsOverEvenIfNothingElseHappens() {
        AtomicInteger told = new AtomicInteger();
        log.onAdded(told::incrementAndGet);
        log.entry(EventKind.FENCE_FAILED, "fencing node1 failed").host("node1").error();
        log.entry(EventKind.FENCE_FAILED, "fencing node1 failed").host("node1").error();
        assertEquals(1, told.get(), "the repeat is counted, not told");

        clock.advance(EventRepeats.WINDOW.minusMillis(1));
        log.enterCountsDue();
        assertEquals(1, told.get(), "its minute is not over");
        clock.advance(Duration.ofMillis(1));
        log.enterCountsDue();
        log.enterCountsDue();

        assertEquals(2, told.get());
        assertEquals(1, log.after(1).get(0).repeats());
    }

    @Test
    void withEveryWindowOpenTheOldestCountIsEnteredToMakeRoom() {
        for (int i = 0; i <= EventRepeats.TRACKED; i++) {
            log.warn("disk " + i + " is full");
            log.warn("disk " + i + " is full");
        }

        List<ClusterEvent> events = log.recent(2 * EventRepeats.TRACKED);
        assertEquals(EventRepeats.TRACKED + 2, events.size());
        ClusterEvent early = events.get(events.size() - 1);
        assertEquals(List.of(1, "disk 0 is full (again 1 time(s) until 2026-01-01T00:00:00Z)"),
                List.of(early.repeats(), early.message()));
    }

    @Test
    void aCountDueAcrossTheRenumberingIsStillEntered() {
        log.warn("journal slow");
        log.warn("journal slow");
        log.continueFrom(1_000L);
        clock.advance(EventRepeats.WINDOW);

        List<ClusterEvent> events = log.recent(10);
        assertEquals(List.of(1_000L, 1_001L), events.stream().map(ClusterEvent::sequence).toList());
        assertEquals(1, events.get(1).repeats());
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
