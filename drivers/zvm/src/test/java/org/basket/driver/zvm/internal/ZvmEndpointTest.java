package org.basket.driver.zvm.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.basket.api.driver.DomainInfo;
import org.basket.api.driver.DomainState;
import org.basket.api.driver.DriverConfig;
import org.basket.api.driver.DriverException;
import org.basket.api.driver.HostBinding;
import org.basket.api.driver.HostInfo;
import org.basket.api.driver.HypervisorDriver;
import org.basket.api.driver.LiveMigration;
import org.basket.api.driver.MigrationOptions;
import org.basket.api.fence.FenceDevice;
import org.basket.api.fence.FenceException;
import org.basket.api.fence.PowerState;
import org.basket.api.model.Capacity;
import org.basket.testsupport.RecordingDriverListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The driver against the Feilong simulator: 3 SSI members ZVM1..ZVM3 attached as z1..z3, 6 guests LINUX01..LINUX06
 * logged on round robin (LINUX01 and LINUX04 on ZVM1, ...).
 */
class ZvmEndpointTest {
    private FeilongSimulator simulator;
    private final RecordingDriverListener listener = new RecordingDriverListener();
    private HypervisorDriver driver;

    @BeforeEach
    void open() throws Exception {
        simulator = FeilongSimulator.start(3, 6);
        driver = new ZvmDriverFactory().open(new DriverConfig("zvm", "zvm", simulator.endpointKeys()), listener);
        for (int i = 1; i <= 3; i++) {
            driver.attach(new HostBinding("z" + i, "ZVM" + i, Map.of()));
        }
    }

    @AfterEach
    void close() {
        if (driver != null) {
            driver.close();
        }
        simulator.close();
    }

    @Test
    void discoversTheMembersTheirCapacityAndEveryGuestWithItsPowerStateOnEachMember() throws Exception {
        assertEquals(List.of("ZVM1", "ZVM2", "ZVM3"), driver.discoverHosts());
        HostInfo z1 = driver.host("z1");
        assertEquals(new Capacity(8, 16_384), z1.capacity());
        assertEquals(new Capacity(6, 16_384 - 2048), z1.free(), "LINUX01 and LINUX04, 1 CPU and 1024 MB each");
        assertEquals(List.of(), z1.conditions(), "the SSI cluster is stable");
        List<DomainInfo> onZ1 = driver.domains("z1");
        assertEquals(6, onZ1.size());
        assertTrue(onZ1.contains(new DomainInfo("LINUX01", DomainState.RUNNING)));
        assertTrue(onZ1.contains(new DomainInfo("LINUX04", DomainState.RUNNING)));
        assertTrue(onZ1.contains(new DomainInfo("LINUX02", DomainState.SHUTOFF)), "logged on to ZVM2: off on ZVM1");
        assertEquals(DomainState.RUNNING, driver.monitor("z2", "linux02").state());
        assertEquals(3, simulator.calls("POST /token"), "one token per member");
    }

    @Test
    void stopsWithAShutdownThenStartsOnAnotherMemberButNeverWhileLoggedOnElsewhere() throws Exception {
        DriverException refused = assertThrows(DriverException.class, () -> driver.start("z2", "LINUX01"));
        assertTrue(refused.getMessage().contains("guest LINUX01 is logged on to member ZVM1"), refused.getMessage());
        assertEquals("ZVM1", simulator.loggedOnAt("LINUX01"));

        driver.stop("z1", "LINUX01", Duration.ofSeconds(5));
        assertNull(simulator.loggedOnAt("LINUX01"));
        assertEquals(1, simulator.calls("action softstop"));
        assertEquals(0, simulator.calls("action stop"), "the guest shut down: not forced");

        driver.start("z2", "LINUX01");
        assertEquals("ZVM2", simulator.loggedOnAt("LINUX01"));
        assertEquals(DomainState.RUNNING, driver.monitor("z2", "LINUX01").state());
        assertEquals(DomainState.SHUTOFF, driver.monitor("z1", "LINUX01").state());
        driver.start("z2", "LINUX01");
        assertEquals(1, simulator.calls("action start"), "a guest already on is not started again");
    }

    @Test
    void aGuestThatIgnoresTheShutdownIsForcedOffAfterTheGrace() throws Exception {
        simulator.ignoreShutdown("LINUX02");
        driver.stop("z2", "LINUX02", Duration.ofSeconds(1));
        assertNull(simulator.loggedOnAt("LINUX02"));
        assertEquals(1, simulator.calls("action softstop"));
        assertEquals(1, simulator.calls("action stop"));
    }

    @Test
    void relocatesALiveGuestTestThenMoveWithProgress() throws Exception {
        simulator.relocationMs(3_000);
        List<String> progress = new CopyOnWriteArrayList<>();
        driver.capability(LiveMigration.class).orElseThrow().migrate("LINUX01", "z1", "z2",
                MigrationOptions.DEFAULT.withProgress(progress::add));
        assertEquals("ZVM2", simulator.loggedOnAt("LINUX01"));
        assertEquals(1, simulator.calls("action live_migrate_vm test"));
        assertEquals(1, simulator.calls("action live_migrate_vm move"));
        assertEquals("testing relocation of LINUX01 to ZVM2", progress.get(0));
        assertEquals("eligible; moving LINUX01 to ZVM2", progress.get(1));
        assertTrue(progress.stream().anyMatch(p -> p.matches("moving LINUX01 to ZVM2: [12] s \\(MAXTOTAL 360 s\\)")), progress.toString());
        assertEquals("LINUX01 runs on ZVM2", progress.get(progress.size() - 1));
        assertTrue(listener.saw("z1", "LINUX01", DomainState.SHUTOFF) && listener.saw("z2", "LINUX01", DomainState.RUNNING),
                listener.events().toString());
    }

    @Test
    void aFailedRelocationNamesGuestMembersAndCpMessageAndTheGuestStaysOnItsSource() {
        simulator.failRelocation("LINUX01", 1);
        DriverException failed = assertThrows(DriverException.class, () -> driver.capability(LiveMigration.class).orElseThrow()
                .migrate("LINUX01", "z1", "z2", MigrationOptions.DEFAULT));
        String message = failed.getMessage();
        assertTrue(message.contains("member ZVM1") && message.contains("relocating guest LINUX01 from member ZVM1 to ZVM2")
                && message.contains("HCPRLL1813I") && message.contains("overallRC 8, rc 8, rs 3000")
                && message.endsWith("guest LINUX01 runs on ZVM1"), message);
        assertEquals("ZVM1", simulator.loggedOnAt("LINUX01"));
        assertEquals(1, simulator.calls("action live_migrate_vm move"), "a failed move is not repeated");

        simulator.loseMember("ZVM3");
        DriverException ineligible = assertThrows(DriverException.class, () -> driver.capability(LiveMigration.class)
                .orElseThrow().migrate("LINUX01", "z1", "z3", MigrationOptions.DEFAULT));
        assertTrue(ineligible.getMessage().contains("VMRELOCATE TEST") && ineligible.getMessage().contains("not eligible, it stays on ZVM1"),
                ineligible.getMessage());
        assertEquals(1, simulator.calls("action live_migrate_vm move"));
    }

    @Test
    void anExpiredTokenIsRenewedOnceAndTheCallRepeated() throws Exception {
        int tokens = simulator.calls("POST /token");
        simulator.expireTokens();
        assertEquals(DomainState.RUNNING, driver.monitor("z1", "LINUX01").state());
        driver.stop("z1", "LINUX01", Duration.ofSeconds(5));
        assertEquals(tokens + 1, simulator.calls("POST /token"), "one new token for member ZVM1");
        assertEquals(1, simulator.calls("401"));
        assertNull(simulator.loggedOnAt("LINUX01"));
    }

    @Test
    void aBusyGuestIsAnErrorNamingGuestAndMemberAndIsNotRetried() throws Exception {
        simulator.busy("LINUX01", 1);
        DriverException busy = assertThrows(DriverException.class, () -> driver.stop("z1", "LINUX01", Duration.ofSeconds(5)));
        assertTrue(busy.getMessage().contains("member ZVM1") && busy.getMessage().contains("shutting guest LINUX01 down")
                && busy.getMessage().contains("busy or in a conflicting state: Guest 'LINUX01' is locked")
                && busy.getMessage().contains("HTTP 409"), busy.getMessage());
        assertEquals(1, simulator.calls("action softstop"));
        assertEquals("ZVM1", simulator.loggedOnAt("LINUX01"));
        driver.stop("z1", "LINUX01", Duration.ofSeconds(5));
        assertNull(simulator.loggedOnAt("LINUX01"));
    }

    @Test
    void aLostMemberLosesContactAndCannotBeFencedThroughItsConnector() throws Exception {
        simulator.loseMember("ZVM3");
        DriverException lost = assertThrows(DriverException.class, () -> driver.host("z3"));
        assertTrue(lost.getMessage().contains("member ZVM3") && lost.getMessage().contains("connection refused"), lost.getMessage());
        assertTrue(listener.lostContact("z3"), listener.events().toString());
        HostInfo survivor = driver.host("z1");
        assertEquals(new Capacity(8, 16_384), survivor.capacity());
        assertEquals(List.of("ssi: SSI cluster BASKETSSI is in mode Safe; member ZVM3 is Unknown: z/VM may refuse to log that"
                + " member's guests on elsewhere until it is known down"), survivor.conditions().stream().map(Object::toString).toList());
        FenceDevice fence = driver.capability(org.basket.api.driver.Fencing.class).orElseThrow().fenceDevice("z3");
        assertEquals(PowerState.UNKNOWN, fence.status());
        FenceException refused = assertThrows(FenceException.class, fence::powerOff);
        assertTrue(refused.getMessage().contains("fence_ibmz"), refused.getMessage());
        assertEquals("ZVM3", simulator.loggedOnAt("LINUX03"), "nothing happened to its guests");
        DriverException twice = assertThrows(DriverException.class, () -> driver.start("z1", "LINUX03"));
        assertTrue(twice.getMessage().contains("starting guest LINUX03") && twice.getMessage().contains("Already logged on at system ZVM3"),
                twice.getMessage());
        assertEquals("ZVM3", simulator.loggedOnAt("LINUX03"), "the SSI refuses a second logon while the member is not down");
    }

    @Test
    void fencingThroughTheConnectorForcesEveryGuestOfTheMemberOff() throws Exception {
        FenceDevice fence = driver.capability(org.basket.api.driver.Fencing.class).orElseThrow().fenceDevice("z1");
        assertEquals(PowerState.ON, fence.status());
        fence.powerOff();
        assertEquals(PowerState.OFF, fence.status());
        assertNull(simulator.loggedOnAt("LINUX01"));
        assertNull(simulator.loggedOnAt("LINUX04"));
        assertEquals(2, simulator.calls("action stop"));
        assertEquals(0, simulator.calls("action softstop"), "forced, no shutdown asked");
        assertEquals("ZVM2", simulator.loggedOnAt("LINUX02"));
    }

    @Test
    void unknownGuestsMembersAndUseridsAreNamed() {
        DriverException guest = assertThrows(DriverException.class, () -> driver.monitor("z1", "NOSUCH"));
        assertTrue(guest.getMessage().contains("guest NOSUCH") && guest.getMessage().contains("not found: Guest 'NOSUCH' does not exist"),
                guest.getMessage());
        DriverException member = assertThrows(DriverException.class, () -> driver.attach(new HostBinding("z9", "ZVM9", Map.of())));
        assertTrue(member.getMessage().contains("no member 'ZVM9' (known: ZVM1, ZVM2, ZVM3)"), member.getMessage());
        DriverException userid = assertThrows(DriverException.class, () -> driver.start("z1", "../host"));
        assertTrue(userid.getMessage().contains("not a z/VM userid"), userid.getMessage());
    }

    @Test
    void aWrongAdminTokenOrAnUntrustedCertificateFailsTheOpenWithoutShowingTheToken() {
        Map<String, String> keys = new HashMap<>(simulator.endpointKeys());
        keys.put("admin.token", "wrong-secret-value");
        DriverException token = assertThrows(DriverException.class,
                () -> new ZvmDriverFactory().open(new DriverConfig("zvm", "zvm", keys), listener));
        assertTrue(token.getMessage().contains("refused the admin token (HTTP 401)"), token.getMessage());
        assertFalse(token.getMessage().contains("wrong-secret-value"));

        Map<String, String> untrusted = new HashMap<>(simulator.endpointKeys());
        untrusted.remove("truststore");
        untrusted.remove("truststore.password");
        DriverException tls = assertThrows(DriverException.class,
                () -> new ZvmDriverFactory().open(new DriverConfig("zvm", "zvm", untrusted), listener));
        assertTrue(tls.getMessage().contains("TLS failed"), tls.getMessage());
    }
}
