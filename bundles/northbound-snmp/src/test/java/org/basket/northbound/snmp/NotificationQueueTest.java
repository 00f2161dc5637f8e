package org.basket.northbound.snmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.basket.api.cluster.ClusterEvent;
import org.junit.jupiter.api.Test;

/** A sender that hangs never holds the manager's event thread: the queue drops and counts instead of waiting. */
class NotificationQueueTest {
    @Test
    void aHangingSenderFillsTheQueueThenNotificationsAreDroppedAndCountedAndOffersNeverWait() throws Exception {
        CountDownLatch sending = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Long> delivered = new CopyOnWriteArrayList<>();
        AtomicLong dropped = new AtomicLong();
        NotificationQueue queue = new NotificationQueue(2, dropped, notice -> {
            sending.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            delivered.add(notice.event().sequence());
        });
        try {
            assertTrue(queue.offer(notice(1)));
            assertTrue(sending.await(10, TimeUnit.SECONDS), "the sender took the first and hangs");

            List<Boolean> accepted = List.of(queue.offer(notice(2)), queue.offer(notice(3)), queue.offer(notice(4)),
                    queue.offer(notice(5)));

            assertEquals(List.of(true, true, false, false), accepted);
            assertEquals(2, dropped.get());
            release.countDown();
            org.awaitility.Awaitility.await().until(() -> delivered.size() == 3);
            assertEquals(List.of(1L, 2L, 3L), delivered);
            assertTrue(queue.offer(notice(6)), "accepts again once drained");
            org.awaitility.Awaitility.await().until(() -> delivered.size() == 4);
            assertFalse(delivered.contains(4L));
        } finally {
            release.countDown();
            queue.close();
        }
    }

    private static Notice notice(long sequence) {
        return new Notice(BasketMib.Notification.HOST_LOST, new ClusterEvent(sequence, Instant.now(),
                ClusterEvent.Severity.WARNING, "host lost"));
    }
}
