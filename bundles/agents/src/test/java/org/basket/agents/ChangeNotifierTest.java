package org.basket.agents;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class ChangeNotifierTest {

    @Test
    void changesWhileACallIsPendingAreToldOnce() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        try (ChangeNotifier notifier = new ChangeNotifier()) {
            notifier.add(() -> {
                if (calls.incrementAndGet() == 1) {
                    awaitRelease(release);
                }
            });

            notifier.changed();
            await().atMost(Duration.ofSeconds(10)).until(() -> calls.get() == 1);
            for (int i = 0; i < 5; i++) {
                notifier.changed();
            }
            release.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() -> calls.get() == 2);
            notifier.changed();
            await().atMost(Duration.ofSeconds(10)).until(() -> calls.get() >= 3);

            assertEquals(3, calls.get(), "five changes during the first call were told once, then the last one");
        }
    }

    private static void awaitRelease(CountDownLatch release) {
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
