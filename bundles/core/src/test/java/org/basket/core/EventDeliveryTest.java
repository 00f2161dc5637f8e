package org.basket.core;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.basket.api.cluster.ClusterEvent;
import org.basket.api.cluster.EventKind;
import org.basket.testsupport.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Listeners hear every event in order, a repeated one as its count once its minute is over. */
class EventDeliveryTest {
    private final MutableClock clock = new MutableClock();
    private final EventLog log = new EventLog(2000, clock);
    private final EventDelivery delivery = new EventDelivery(log);
    private final List<ClusterEvent> heard = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        delivery.stop();
    }

    @Test
    void aRepeatedFailureIsHeardAsItsCountWithItsKindAndSubjects() {
        delivery.add(heard::add);
        delivery.start(0);
        failFence("node1");
        failFence("node1");
        failFence("node2");
        await().atMost(Duration.ofSeconds(5)).until(() -> heard.size() == 2); // the delivery thread, not time

        clock.advance(EventRepeats.WINDOW);
        log.enterCountsDue();
        await().atMost(Duration.ofSeconds(5)).until(() -> heard.size() == 3);

        assertEquals(List.of("node1 0", "node2 0", "node1 1"),
                heard.stream().map(e -> e.host() + " " + e.repeats()).toList());
        assertEquals(List.of(1L, 2L, 3L), heard.stream().map(ClusterEvent::sequence).toList());
        assertEquals(EventKind.FENCE_FAILED, heard.get(2).kind());
    }

    @Test
    void aListenerThatThrowsKeepsListening() {
        delivery.add(e -> {
            throw new IllegalStateException("broken listener");
        });
        delivery.add(heard::add);
        delivery.start(0);
        failFence("node1");
        failFence("node2");

        await().atMost(Duration.ofSeconds(5)).until(() -> heard.size() == 2);
        assertEquals(List.of("node1", "node2"), heard.stream().map(ClusterEvent::host).toList());
    }

    private void failFence(String host) {
        log.entry(EventKind.FENCE_FAILED, "fencing " + host + " failed").host(host).error();
    }
}
