package org.basket.driver.vmware.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.basket.api.driver.DomainInfo;
import org.basket.api.driver.DriverConfig;
import org.basket.api.driver.HypervisorDriver;
import org.basket.api.driver.LiveMigration;
import org.basket.api.driver.MigrationOptions;
import org.basket.testsupport.RecordingDriverListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The simulator's own count of the vMotions from a host ({@code relocations?from=H}: how many ran, the most at
 * once), which VmwareIT asserts the migration limit on: vMotions one after the other are seen one at a time, two
 * started together are seen overlapping.
 */
class RelocationCountTest {
    private VsphereSimulator simulator;
    private HypervisorDriver driver;

    @AfterEach
    void close() throws Exception {
        VcenterEndpoints.close(driver, simulator);
    }

    @Test
    void countsTheVmotionsFromEachHostAndTheMostAtOnce() throws Exception {
        simulator = VsphereSimulator.start(2, 4, Duration.ofMillis(1500));
        driver = new VmwareDriverFactory().open(new DriverConfig("vc", "vmware", simulator.endpointKeys()),
                new RecordingDriverListener());
        List<String> names = VcenterEndpoints.attachAll(driver);
        LiveMigration migration = driver.capability(LiveMigration.class).orElseThrow();
        List<String> onH0 = vmsOn("h0");
        for (String vm : vmsOn("h1")) {
            migration.migrate(vm, "h1", "h0", MigrationOptions.DEFAULT);
        }
        List<String> all = vmsOn("h0");
        assertEquals(4, all.size(), "every VM gathered on h0 first");
        assertEquals((4 - onH0.size()) + " " + (onH0.size() == 4 ? 0 : 1),
                simulator.control("GET", "relocations?from=" + names.get(1)), "one after the other from h1");

        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch firstRuns = new CountDownLatch(1);
            Future<?> first = pool.submit(() -> {
                migration.migrate(all.get(0), "h0", "h1", MigrationOptions.DEFAULT.withProgress(line -> firstRuns.countDown()));
                return null;
            });
            assertTrue(firstRuns.await(10, TimeUnit.SECONDS), "the first vMotion reports progress");
            Future<?> second = pool.submit(() -> {
                migration.migrate(all.get(1), "h0", "h1", MigrationOptions.DEFAULT);
                return null;
            });
            first.get();
            second.get();
        } finally {
            pool.shutdownNow();
        }
        assertEquals("2 2", simulator.control("GET", "relocations?from=" + names.get(0)), "two at once from h0");
        assertTrue(vmsOn("h1").containsAll(all.subList(0, 2)));
    }

    private List<String> vmsOn(String host) throws Exception {
        return driver.domains(host).stream().map(DomainInfo::name).filter(name -> name.startsWith("DC0")).toList();
    }
}
