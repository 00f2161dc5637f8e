package org.basket.driver.sim;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.basket.api.driver.DomainState;
import org.basket.api.driver.DriverException;
import org.basket.api.model.Capacity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultInjectionTest {
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private final SimulatedDatacenter datacenter = new SimulatedDatacenter(sleeps::add);
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @BeforeEach
    void twoHosts() {
        datacenter.addHost("node1", new Capacity(8, 16_384));
        datacenter.addHost("node2", new Capacity(8, 16_384));
    }

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void failNextFailsExactlyThatManyCallsOfThatOperationOnThatDomain() throws DriverException {
        datacenter.failNext(Operation.START, "vm1", 2);

        DriverException first = assertThrows(DriverException.class, () -> datacenter.start("node1", "vm1"));
        assertThrows(DriverException.class, () -> datacenter.start("node2", "vm1"));
        datacenter.start("node1", "vm2");
        datacenter.monitor("node1", "vm1");
        datacenter.start("node1", "vm1");

        assertEquals("start vm1 on node1: simulated failure (injected into START)", first.getMessage());
        assertEquals(List.of("node1"), datacenter.activeHosts("vm1"));
        assertEquals(List.of(), datacenter.faults());
    }

    @Test
    void failNextMatchesAHostOrEveryCall() throws DriverException {
        datacenter.failNext(Operation.MONITOR, "node2", 1);
        datacenter.failNext(Operation.DISCOVER, SimulatedDatacenter.ANY_TARGET, 1);

        datacenter.monitor("node1", "vm1");
        assertThrows(DriverException.class, () -> datacenter.monitor("node2", "vm1"));
        datacenter.monitor("node2", "vm1");
        assertThrows(DriverException.class, datacenter::discoverHosts);
        assertEquals(List.of("node1", "node2"), datacenter.discoverHosts());
    }

    @Test
    void clearFaultsForgetsFailuresHangsAndFenceFailures() throws Exception {
        datacenter.failNext(Operation.STOP, "node1", 5);
        datacenter.hang(Operation.START, "vm1");
        datacenter.failFence("node1", true);
        assertEquals(List.of(new InjectedFault(Operation.STOP, "node1", 5, false),
                new InjectedFault(Operation.START, "vm1", 0, true)), datacenter.faults());

        datacenter.clearFaults();

        datacenter.start("node1", "vm1");
        datacenter.stop("node1", "vm1", Duration.ZERO);
        datacenter.fenceDevice("node1").powerOff();
        assertEquals(List.of(), datacenter.faults());
        assertFalse(datacenter.hosts().get(0).fenceFailing());
    }

    @Test
    void hungCallBlocksUntilInterruptedThenFailsKeepingTheInterruptFlag() throws Exception {
        datacenter.hang(Operation.MONITOR, "node1");
        AtomicReference<Thread> caller = new AtomicReference<>();
        Future<String> outcome = threads.submit(() -> {
            caller.set(Thread.currentThread());
            try {
                datacenter.monitor("node1", "vm1");
                return "returned";
            } catch (DriverException e) {
                return e.getMessage() + (Thread.currentThread().isInterrupted() ? " [interrupted]" : "");
            }
        });

        await().until(() -> caller.get() != null && caller.get().getState() == Thread.State.WAITING);
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> !outcome.isDone());
        caller.get().interrupt();

        assertEquals("monitor vm1 on node1: interrupted while hanging (simulated hang) [interrupted]",
                outcome.get(5, TimeUnit.SECONDS));
    }

    @Test
    void everyCallTakesTheLatency() throws Exception {
        Duration latency = Duration.ofMillis(25);
        datacenter.setLatency(latency);

        datacenter.start("node1", "vm1");
        datacenter.monitor("node1", "vm1");
        datacenter.fenceDevice("node2").status();
        datacenter.migrate("vm1", "node1", "node2", Duration.ofMillis(300));

        assertEquals(List.of(latency, latency, latency, latency, Duration.ofMillis(300)), sleeps);
        assertEquals(DomainState.RUNNING, datacenter.monitor("node2", "vm1").state());
    }

    @Test
    void misuseIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> datacenter.failNext(Operation.START, "vm1", 0));
        assertThrows(IllegalArgumentException.class, () -> datacenter.hang(Operation.START, " "));
        assertThrows(IllegalArgumentException.class, () -> datacenter.setLatency(Duration.ofMillis(-1)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> datacenter.crashDomain("vm7"));
        assertTrue(e.getMessage().contains("vm7"), e.getMessage());
    }
}
