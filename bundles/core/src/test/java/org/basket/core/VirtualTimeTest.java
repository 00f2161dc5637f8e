package org.basket.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The virtual time the engine tests run on: it moves only when told, and its threads run in a fixed order. */
class VirtualTimeTest {
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private final VirtualTime time = new VirtualTime(START);
    private final List<String> log = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        time.stop();
    }

    @Test
    void timeMovesOnlyWhenAdvanced() {
        time.advance(Duration.ZERO);
        assertEquals(START, time.clock().instant());
        assertEquals(0, time.nanoTime());
        time.advance(Duration.ofMillis(1500));
        assertEquals(START.plusMillis(1500), time.clock().instant());
        assertEquals(Duration.ofMillis(1500).toNanos(), time.nanoTime());
    }

    @Test
    void deadlinesAreReachedEarliestFirstTiesInTheOrderTheWaitsBegan() {
        sleeper("a", 30);
        sleeper("b", 10);
        sleeper("c", 10);
        time.advance(Duration.ofMillis(9));
        assertEquals(List.of("a waits", "b waits", "c waits"), log);
        time.advance(Duration.ofMillis(50));
        assertEquals(List.of("a waits", "b waits", "c waits", "b at 10 ms", "c at 10 ms", "a at 30 ms"), log);
    }

    @Test
    void aWaitOnAFutureEndsWhenItIsDoneOrAtItsDeadline() {
        ExecutorService pool = time.pool("test", 2);
        time.start("waiter", () -> {
            try {
                Future<String> quick = pool.submit(() -> "answer");
                log.add(time.get(quick, time.nanoTime() + Duration.ofSeconds(1).toNanos()) + " at " + millis() + " ms");
                Future<String> never = pool.submit(() -> {
                    time.hang();
                    return "late";
                });
                assertThrows(TimeoutException.class, () -> time.get(never, time.nanoTime() + Duration.ofSeconds(2).toNanos()));
                log.add("timed out at " + millis() + " ms");
                never.cancel(true);
            } catch (Exception e) {
                log.add("failed: " + e);
            }
        });
        time.advance(Duration.ofSeconds(5));
        assertEquals(List.of("answer at 0 ms", "timed out at 2000 ms"), log);
    }

    @Test
    void anInterruptEndsAWaitAtOnce() {
        Thread hanging = time.start("hanging", () -> {
            try {
                time.hang();
            } catch (InterruptedException e) {
                log.add("interrupted at " + millis() + " ms");
            }
        });
        time.start("canceller", () -> {
            try {
                time.sleep(Duration.ofMillis(100));
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            hanging.interrupt();
        });
        time.advance(Duration.ofSeconds(1));
        assertEquals(List.of("interrupted at 100 ms"), log);
    }

    @Test
    void aRaisedSignalEndsItsWaitWithoutTimeMoving() {
        EngineTime.Signal signal = time.signal();
        time.start("loop", () -> {
            try {
                log.add("raised " + signal.awaitAndClear(Duration.ofSeconds(10)) + " at " + millis() + " ms");
                log.add("raised " + signal.awaitAndClear(Duration.ofSeconds(10)) + " at " + millis() + " ms");
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        time.advance(Duration.ofSeconds(1));
        signal.raise();
        time.advance(Duration.ZERO);
        assertEquals(List.of("raised true at 1000 ms"), log);
        time.advance(Duration.ofSeconds(20));
        assertEquals(List.of("raised true at 1000 ms", "raised false at 11000 ms"), log);
    }

    @Test
    void aWaitOutsideTheEngineThreadsIsRefused() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> time.sleep(Duration.ofSeconds(1)));
        assertTrue(e.getMessage().startsWith("a wait on virtual time outside the engine's threads"), e.getMessage());
        assertFalse(time.elapsed().isNegative());
    }

    private void sleeper(String name, long millis) {
        time.start(name, () -> {
            log.add(name + " waits");
            try {
                time.sleep(Duration.ofMillis(millis));
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            log.add(name + " at " + millis() + " ms");
        });
    }

    private long millis() {
        return Duration.ofNanos(time.nanoTime()).toMillis();
    }
}
