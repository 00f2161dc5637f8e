package org.basket.driver.vmware.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.basket.api.driver.DomainInfo;
import org.basket.api.driver.DomainState;
import org.basket.api.driver.DriverConfig;
import org.basket.api.driver.DriverException;
import org.basket.api.driver.HypervisorDriver;
import org.basket.api.driver.LiveMigration;
import org.basket.api.driver.MigrationOptions;
import org.basket.api.model.HostCondition;
import org.basket.testsupport.RecordingDriverListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The four-layer conflict: a VM that vSphere HA or fully automated DRS manages is not acted on, unless coexistence is allowed. */
class ConflictTest {
    private VsphereSimulator simulator;
    private HypervisorDriver driver;
    private String vm;
    private String host;

    @BeforeEach
    void start() throws Exception {
        simulator = VsphereSimulator.start(2, 2);
    }

    @AfterEach
    void close() throws Exception {
        VcenterEndpoints.close(driver, simulator);
    }

    @Test
    void aVmVsphereHaRestartsIsNotStoppedByBasket() throws Exception {
        simulator.control("POST", "cluster?name=DC0_C0&ha=true&drs=manual");
        open();
        DriverException e = assertThrows(DriverException.class, () -> driver.stop(host, vm, Duration.ofSeconds(2)));
        assertEquals("driver 'vc' (" + simulator.url + "): VM " + vm + ": vSphere HA is enabled on cluster DC0_C0 and restarts it"
                + " itself: Basket does not stop it (key coexistence = refuse; see docs/vmware.md)", e.getMessage());
        assertEquals(DomainState.RUNNING, driver.monitor(host, vm).state());
        for (String each : List.of("h0", "h1")) {
            assertEquals(List.of(new HostCondition("managed-elsewhere", "vSphere HA is enabled on cluster DC0_C0 and "
                    + "restarts them itself: Basket does not start, stop or move them (coexistence = refuse)")),
                    driver.host(each).conditions());
        }
    }

    @Test
    void aVmFullyAutomatedDrsMovesIsNotMigratedByBasket() throws Exception {
        simulator.control("POST", "cluster?name=DC0_C0&ha=false&drs=fullyAutomated");
        open();
        String other = host.equals("h0") ? "h1" : "h0";
        DriverException e = assertThrows(DriverException.class, () -> driver.capability(LiveMigration.class).orElseThrow()
                .migrate(vm, host, other, MigrationOptions.DEFAULT));
        assertEquals("driver 'vc' (" + simulator.url + "): VM " + vm + ": DRS is fully automated on cluster DC0_C0 and moves it"
                + " itself: Basket does not migrate it (key coexistence = refuse; see docs/vmware.md)", e.getMessage());
    }

    @Test
    void partiallyAutomatedDrsIsNoConflict() throws Exception {
        simulator.control("POST", "cluster?name=DC0_C0&ha=false&drs=partiallyAutomated");
        open();
        driver.stop(host, vm, Duration.ofSeconds(2));
        assertEquals(DomainState.SHUTOFF, driver.monitor(host, vm).state());
        assertEquals(List.of(), driver.host(host).conditions());
    }

    @Test
    void theOperatorMayLetThemCoexist() throws Exception {
        simulator.control("POST", "cluster?name=DC0_C0&ha=true&drs=fullyAutomated");
        open("coexistence", "allow");
        assertEquals("managed-elsewhere", driver.host(host).conditions().get(0).kind());
        assertTrue(driver.host(host).conditions().get(0).message().endsWith(
                "Basket acts on them anyway (coexistence = allow)"), driver.host(host).conditions().toString());
        driver.stop(host, vm, Duration.ofSeconds(2));
        assertEquals(DomainState.SHUTOFF, driver.monitor(host, vm).state());
    }

    private void open(String... keys) throws Exception {
        driver = new VmwareDriverFactory().open(new DriverConfig("vc", "vmware", simulator.endpointKeys(keys)), new RecordingDriverListener());
        List<String> hosts = VcenterEndpoints.attachAll(driver);
        for (int i = 0; i < hosts.size() && vm == null; i++) {
            host = "h" + i;
            vm = driver.domains(host).stream().map(DomainInfo::name).filter(name -> name.startsWith("DC0")).findFirst().orElse(null);
        }
    }
}
