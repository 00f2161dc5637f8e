package org.basket.driver.vmware.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import org.basket.api.driver.DomainInfo;
import org.basket.api.driver.DomainState;
import org.basket.api.driver.DriverConfig;
import org.basket.api.driver.DriverException;
import org.basket.api.driver.HypervisorDriver;
import org.basket.api.driver.LiveMigration;
import org.basket.api.driver.MigrationOptions;
import org.basket.testsupport.RecordingDriverListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * vMotion followed through the task's updates, against a simulator whose relocations take 1.5 s in ten steps
 * and can be cancelled (the simulator's own complete at once and cannot).
 */
class VmotionTest {
    private VsphereSimulator simulator;
    private HypervisorDriver driver;
    private String vm;

    @BeforeEach
    void open() throws Exception {
        simulator = VsphereSimulator.start(2, 1, Duration.ofMillis(1500));
        driver = new VmwareDriverFactory().open(new DriverConfig("vc", "vmware", simulator.endpointKeys()), new RecordingDriverListener());
        VcenterEndpoints.attachAll(driver);
        vm = driver.domains("h0").stream().map(DomainInfo::name).filter(name -> name.startsWith("DC0")).findFirst().orElse(null);
        if (vm == null) {
            vm = driver.domains("h1").stream().map(DomainInfo::name).filter(name -> name.startsWith("DC0")).findFirst().orElseThrow();
            driver.capability(LiveMigration.class).orElseThrow().migrate(vm, "h1", "h0", MigrationOptions.DEFAULT);
        }
    }

    @AfterEach
    void close() throws Exception {
        VcenterEndpoints.close(driver, simulator);
    }

    @Test
    void reportsTheProgressAndShowsTheVmMigratingOnItsSource() throws Exception {
        List<String> progress = new CopyOnWriteArrayList<>();
        Thread migration = new Thread(() -> {
            try {
                driver.capability(LiveMigration.class).orElseThrow().migrate(vm, "h0", "h1", MigrationOptions.DEFAULT.withProgress(progress::add));
            } catch (DriverException e) {
                progress.add("failed: " + e.getMessage());
            }
        });
        migration.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> !progress.isEmpty());
        assertEquals(DomainState.MIGRATING, state("h0"));
        migration.join(10_000);
        assertTrue(progress.contains("50% (vMotion of " + vm + " to h1)"), progress.toString());
        assertTrue(progress.stream().noneMatch(line -> line.startsWith("failed")), progress.toString());
        assertEquals(DomainState.RUNNING, state("h1"));
        assertEquals(DomainState.SHUTOFF, state("h0"));
    }

    @Test
    void anInterruptCancelsTheTaskAndTheVmStaysOnItsSource() throws Exception {
        List<String> progress = new CopyOnWriteArrayList<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        Thread migration = new Thread(() -> {
            try {
                driver.capability(LiveMigration.class).orElseThrow().migrate(vm, "h0", "h1", MigrationOptions.DEFAULT.withProgress(progress::add));
            } catch (DriverException e) {
                failure.set(e);
            }
        });
        migration.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> !progress.isEmpty());
        migration.interrupt();
        migration.join(15_000);
        assertInstanceOf(DriverException.class, failure.get());
        assertTrue(failure.get().getMessage().matches(".*migrating VM " + vm + " from h0 to h1: interrupted; task \\S+ cancelled"),
                failure.get().getMessage());
        assertEquals(DomainState.RUNNING, state("h0"));
        assertEquals(DomainState.SHUTOFF, state("h1"));
    }

    private DomainState state(String host) throws DriverException {
        return driver.monitor(host, vm).state();
    }
}
