package org.basket.driver.powervm.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.basket.api.driver.DomainState;
import org.basket.api.driver.DriverException;
import org.basket.api.driver.HypervisorDriver;
import org.basket.api.driver.LiveMigration;
import org.basket.api.driver.MigrationOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Live Partition Mobility: validate, then migrate with progress; a failed migration recovered on its source. */
class LpmTest {
    private HmcSimulator hmc;
    private HypervisorDriver driver;
    private List<String> systems;

    @BeforeEach
    void open() throws Exception {
        hmc = HmcSimulator.start(2, 1, 40, 10);
        driver = HmcEndpoints.open(hmc, 2);
        systems = hmc.systemNames();
    }

    @AfterEach
    void close() throws Exception {
        HmcEndpoints.close(driver, hmc);
    }

    @Test
    void validatesThenMigratesReportingTheJobsProgress() throws Exception {
        List<String> progress = new CopyOnWriteArrayList<>();
        lpm().migrate("lpar0-0", "p0", "p1", MigrationOptions.DEFAULT.withProgress(progress::add));
        assertEquals("running@" + systems.get(1), hmc.where("lpar0-0"));
        assertEquals(1, hmc.calls("MigrateValidate"));
        assertEquals(1, hmc.calls("Migrate"));
        List<Integer> percents = progress.stream().filter(line -> line.matches("\\d+% Migrate step \\d+ of 10 \\(LPM of lpar0-0 to p1\\)"))
                .map(line -> Integer.parseInt(line.substring(0, line.indexOf('%')))).toList();
        assertTrue(percents.size() >= 3, progress.toString());
        assertEquals(percents.stream().sorted().distinct().toList(), percents, "rising: " + progress);
        assertEquals("100% Complete (LPM of lpar0-0 to p1)", progress.get(progress.size() - 1));
        assertEquals(DomainState.RUNNING, driver.monitor("p1", "lpar0-0").state());
        assertEquals(DomainState.SHUTOFF, driver.monitor("p0", "lpar0-0").state());
    }

    @Test
    void aMigrationThatFailsHalfWayIsRecoveredAndThePartitionRunsOnItsSource() throws Exception {
        hmc.failNext("Migrate", "HSCLA228 The migration was stopped: the mover service partition lost its connection");
        DriverException e = assertThrows(DriverException.class, () -> lpm().migrate("lpar0-0", "p0", "p1", MigrationOptions.DEFAULT));
        assertTrue(e.getMessage().contains("migrating partition lpar0-0 from managed system " + systems.get(0) + " to " + systems.get(1)
                + ": Migrate job "), e.getMessage());
        assertTrue(e.getMessage().endsWith("COMPLETED_WITH_ERROR: HSCLA228 The migration was stopped: the mover service partition lost"
                + " its connection; MigrateRecover completed"), e.getMessage());
        assertEquals(1, hmc.calls("MigrateRecover"));
        assertEquals("running@" + systems.get(0), hmc.where("lpar0-0"));
    }

    @Test
    void aValidationRefusalStopsBeforeAnyMigration() throws Exception {
        hmc.failNext("MigrateValidate", "HSCLA319 The destination managed system does not have enough memory");
        DriverException e = assertThrows(DriverException.class, () -> lpm().migrate("lpar0-0", "p0", "p1", MigrationOptions.DEFAULT));
        assertTrue(e.getMessage().endsWith("HSCLA319 The destination managed system does not have enough memory"), e.getMessage());
        assertEquals(0, hmc.calls("Migrate"));
        assertEquals("running@" + systems.get(0), hmc.where("lpar0-0"));
    }

    private LiveMigration lpm() {
        return driver.capability(LiveMigration.class).orElseThrow();
    }
}
