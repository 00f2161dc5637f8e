package org.basket.driver.powervm.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.basket.api.driver.HypervisorDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A failed VM is stopped where it failed before it is recovered (the scheduler's rule, as Pacemaker's): the stop of a
 * partition the HMC does not know is done, with no PowerOff job.
 */
class StopOfAnUnknownPartitionTest {
    private HmcSimulator hmc;
    private HypervisorDriver driver;

    @BeforeEach
    void open() throws Exception {
        hmc = HmcSimulator.start(1, 1);
        driver = HmcEndpoints.open(hmc, 1);
    }

    @AfterEach
    void close() throws Exception {
        HmcEndpoints.close(driver, hmc);
    }

    @Test
    void stoppingAPartitionThatIsNotThereIsDone() throws Exception {
        driver.stop("p0", "no-such-lpar", Duration.ofSeconds(1));
        assertEquals(0, hmc.calls("PowerOff"));
        assertEquals("running@" + hmc.systemNames().get(0), hmc.where("lpar0-0"));
    }
}
