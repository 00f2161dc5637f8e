package org.basket.driver.powervm.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.basket.api.driver.DomainInfo;
import org.basket.api.driver.DomainState;
import org.basket.api.driver.DriverConfig;
import org.basket.api.driver.DriverException;
import org.basket.api.driver.HostBinding;
import org.basket.api.driver.HostInfo;
import org.basket.api.driver.HypervisorDriver;
import org.basket.api.model.Capacity;
import org.basket.testsupport.RecordingDriverListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Discovery, start and stop, and the HMC's errors, against the simulated HMC over HTTPS (2 systems, 2 partitions each). */
class PowervmEndpointTest {
    private HmcSimulator hmc;
    private HypervisorDriver driver;
    private List<String> systems;

    @BeforeEach
    void open() throws Exception {
        hmc = HmcSimulator.start(2, 2);
        driver = HmcEndpoints.open(hmc, 2);
        systems = hmc.systemNames();
    }

    @AfterEach
    void close() throws Exception {
        HmcEndpoints.close(driver, hmc);
    }

    @Test
    void discoversTheManagedSystemsTheirCapacityAndPartitions() throws Exception {
        assertEquals(systems.stream().sorted().toList(), driver.discoverHosts());
        HostInfo info = driver.host("p0");
        assertEquals(new Capacity(16, 65_536), info.capacity());
        assertEquals(new Capacity(15, 65_536 - 2 * 2048), info.free());
        List<DomainInfo> domains = driver.domains("p0");
        assertTrue(domains.contains(new DomainInfo("lpar0-0", DomainState.RUNNING)), domains.toString());
        assertTrue(domains.contains(new DomainInfo("lpar0-1", DomainState.RUNNING)), domains.toString());
        assertFalse(domains.stream().anyMatch(d -> d.name().startsWith("lpar1-")), domains.toString());
        assertEquals(DomainState.SHUTOFF, driver.monitor("p1", "lpar0-0").state());
    }

    @Test
    void stopsWithAnOsShutdownAndStartsWithPowerOn() throws Exception {
        driver.stop("p0", "lpar0-0", Duration.ofSeconds(5));
        assertEquals("not activated@" + systems.get(0), hmc.where("lpar0-0"));
        assertEquals(DomainState.SHUTOFF, driver.monitor("p0", "lpar0-0").state());
        driver.start("p0", "lpar0-0");
        assertEquals("running@" + systems.get(0), hmc.where("lpar0-0"));
        assertEquals(1, hmc.calls("PowerOff"));
        assertEquals(1, hmc.calls("PowerOn"));
        driver.start("p0", "lpar0-0");
        assertEquals(1, hmc.calls("PowerOn"), "a running partition is not started again");
    }

    @Test
    void aPartitionWhoseOsDoesNotShutDownIsPoweredOffImmediatelyAfterTheGrace() throws Exception {
        hmc.ignoreShutdown("lpar0-1");
        long begun = System.nanoTime();
        driver.stop("p0", "lpar0-1", Duration.ofMillis(600));
        assertTrue(System.nanoTime() - begun >= 600_000_000L);
        assertEquals("not activated@" + systems.get(0), hmc.where("lpar0-1"));
        assertEquals(2, hmc.calls("PowerOff"));
    }

    @Test
    void aStoppedPartitionOfAnotherOperatingSystemIsMovedInactiveThenStarted() throws Exception {
        driver.stop("p1", "lpar1-0", Duration.ofSeconds(5));
        driver.start("p0", "lpar1-0");
        assertEquals("running@" + systems.get(0), hmc.where("lpar1-0"));
        assertEquals(1, hmc.calls("Migrate"));
        DriverException running = assertThrows(DriverException.class, () -> driver.start("p0", "lpar1-1"));
        assertTrue(running.getMessage().contains("partition lpar1-1: it runs on managed system " + systems.get(1) + ", not on p0"),
                running.getMessage());
    }

    @Test
    void anExpiredSessionIsLoggedOnAgainAndTheRequestSentOnce() throws Exception {
        assertEquals(1, hmc.calls("Logon"));
        hmc.expireSessions();
        driver.stop("p0", "lpar0-0", Duration.ofSeconds(5));
        assertEquals(2, hmc.calls("Logon"));
        assertEquals(1, hmc.calls("PowerOff"));
        hmc.expireSessions();
        assertEquals(2, driver.domains("p1").stream().filter(d -> d.name().startsWith("lpar1-")).count());
        assertEquals(3, hmc.calls("Logon"));
    }

    @Test
    void aLostAnswerToAReadIsAskedAgainButALostJobRequestIsNotSentAgain() throws Exception {
        hmc.loseNextAnswer("GET");
        assertEquals(4, driver.domains("p0").size(), "two partitions, each by name and UUID");
        driver.stop("p0", "lpar0-0", Duration.ofSeconds(5));
        hmc.loseNextAnswer("PUT");
        DriverException e = assertThrows(DriverException.class, () -> driver.start("p0", "lpar0-0"));
        assertTrue(e.getMessage().startsWith("driver 'hmc' (" + hmc.url() + "): starting partition lpar0-0 on managed system "
                + systems.get(0) + ": "), e.getMessage());
        assertTrue(e.getMessage().endsWith("; whether the HMC started the PowerOn job is unknown"), e.getMessage());
        assertEquals(1, hmc.calls("PowerOn"));
        await().atMost(Duration.ofSeconds(5)).until(() -> hmc.where("lpar0-0").equals("running@" + systems.get(0)));
    }

    @Test
    void aFailedJobIsReportedWithTheHmcMessageNamingPartitionAndSystem() throws Exception {
        hmc.failNext("PowerOn", "HSCL1552 There is not enough memory available to activate the partition");
        driver.stop("p0", "lpar0-0", Duration.ofSeconds(5));
        DriverException e = assertThrows(DriverException.class, () -> driver.start("p0", "lpar0-0"));
        assertTrue(e.getMessage().startsWith("driver 'hmc' (" + hmc.url() + "): starting partition lpar0-0 on managed system "
                + systems.get(0) + ": PowerOn job "), e.getMessage());
        assertTrue(e.getMessage().endsWith("COMPLETED_WITH_ERROR: HSCL1552 There is not enough memory available to activate the partition"),
                e.getMessage());
        assertEquals(1, hmc.calls("PowerOn"), "a failed job is not sent again");
    }

    @Test
    void aBusyPartitionIsRefusedWithTheHmcConflictAndNotRetried() throws Exception {
        hmc.busy("lpar0-0");
        DriverException e = assertThrows(DriverException.class, () -> driver.capability(org.basket.api.driver.LiveMigration.class)
                .orElseThrow().migrate("lpar0-0", "p0", "p1", org.basket.api.driver.MigrationOptions.DEFAULT));
        assertTrue(e.getMessage().contains("migrating partition lpar0-0 from managed system " + systems.get(0) + " to "
                + systems.get(1) + ": validation: HTTP 409 on PUT /rest/api/uom/LogicalPartition/"), e.getMessage());
        assertTrue(e.getMessage().contains("HSCL3205 The partition lpar0-0 is busy with job"), e.getMessage());
        assertEquals(0, hmc.calls("MigrateValidate"));
        assertEquals("running@" + systems.get(0), hmc.where("lpar0-0"));
    }

    @Test
    void aSystemInErrorOrWithoutConnectionIsOutOfContact() throws Exception {
        hmc.systemState(systems.get(1), "error");
        DriverException e = assertThrows(DriverException.class, () -> driver.host("p1"));
        assertEquals("driver 'hmc' (" + hmc.url() + "): host p1: managed system " + systems.get(1) + " is in state 'error'", e.getMessage());
        hmc.systemState(systems.get(1), "no connection");
        assertThrows(DriverException.class, () -> driver.domains("p1"));
        hmc.systemState(systems.get(1), "operating");
        assertEquals(16, driver.host("p1").capacity().cpus());
    }

    @Test
    void wrongCredentialsAndUnknownSystemsAreNamedButNoPassword() throws Exception {
        Map<String, String> keys = new HashMap<>(hmc.endpointKeys());
        keys.put("password", "wrong-pw-77");
        DriverException e = assertThrows(DriverException.class, () -> new PowervmDriverFactory().open(
                new DriverConfig("bad", "powervm", keys), new RecordingDriverListener()));
        assertTrue(e.getMessage().startsWith("driver 'bad' (" + hmc.url() + "): log on as hscroot refused: HTTP 401 on PUT /rest/api/web/Logon:"
                + " The user ID or password is not valid."), e.getMessage());
        assertFalse(e.getMessage().contains("wrong-pw-77"));
        DriverException unknown = assertThrows(DriverException.class, () -> driver.attach(new HostBinding("p9", "Server-9", Map.of())));
        assertTrue(unknown.getMessage().contains("host p9: no managed system 'Server-9' on the HMC (known: "), unknown.getMessage());
        DriverException partition = assertThrows(DriverException.class, () -> driver.start("p0", "nolpar"));
        assertTrue(partition.getMessage().endsWith("no partition 'nolpar' (by name or UUID) on the HMC"), partition.getMessage());
    }

    @Test
    void closingLogsOffAndRefusesFurtherCalls() throws Exception {
        driver.close();
        assertEquals(1, hmc.calls("LogonOff"));
        DriverException e = assertThrows(DriverException.class, () -> driver.discoverHosts());
        assertEquals("driver 'hmc' (" + hmc.url() + "): the endpoint is closed", e.getMessage());
    }

    @Test
    void anHmcWhoseCertificateIsNotInTheTruststoreIsRefused() throws Exception {
        Map<String, String> keys = new HashMap<>(hmc.endpointKeys());
        keys.remove("truststore");
        keys.remove("truststore.password");
        DriverException e = assertThrows(DriverException.class, () -> new PowervmDriverFactory().open(
                new DriverConfig("untrusted", "powervm", keys), new RecordingDriverListener()));
        assertTrue(e.getMessage().startsWith("driver 'untrusted' (" + hmc.url() + "): cannot log on: SSLHandshakeException"), e.getMessage());
    }
}
