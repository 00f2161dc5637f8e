package org.basket.driver.zvm.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;

import org.basket.api.driver.DriverConfig;
import org.basket.api.driver.HostBinding;
import org.basket.api.driver.HypervisorDriver;
import org.basket.testsupport.RecordingDriverListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A failed VM is stopped where it failed before it is recovered (the scheduler's rule, as Pacemaker's): the stop of a
 * guest the Cloud Connector does not know (404) is done, and touches no guest.
 */
class StopOfAnUnknownGuestTest {
    private FeilongSimulator simulator;
    private HypervisorDriver driver;

    @BeforeEach
    void open() throws Exception {
        simulator = FeilongSimulator.start(1, 1);
        driver = new ZvmDriverFactory().open(new DriverConfig("zvm", "zvm", simulator.endpointKeys()),
                new RecordingDriverListener());
        driver.attach(new HostBinding("z1", "ZVM1", Map.of()));
    }

    @AfterEach
    void close() {
        if (driver != null) {
            driver.close();
        }
        simulator.close();
    }

    @Test
    void stoppingAGuestThatIsNotThereIsDone() throws Exception {
        driver.stop("z1", "NOSUCH", Duration.ofSeconds(1));
        assertEquals("ZVM1", simulator.loggedOnAt("LINUX01"), "the other guest still runs");
    }
}
