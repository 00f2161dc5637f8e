package org.basket.driver.libvirt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.basket.api.driver.DomainState;
import org.basket.api.driver.DriverException;
import org.basket.api.driver.MigrationOptions;
import org.basket.testsupport.RecordingDriverListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Moving domains between two test-driver hosts. The test driver cannot live-migrate, so a live
 * migration here proves the failure path; the real one runs in LibvirtFailoverIT.
 */
class MigrationTest {
    @TempDir
    Path dir;

    private final RecordingDriverListener listener = new RecordingDriverListener();
    private LibvirtEndpoint endpoint;

    @BeforeEach
    void attach() throws Exception {
        endpoint = TestHosts.open("kvm", Map.of(), listener);
        endpoint.attach(TestHosts.binding("h1", TestHosts.uri(dir, "h1", "node.xml")));
        endpoint.attach(TestHosts.binding("h2", TestHosts.uri(dir, "h2", "empty-node.xml")));
    }

    @AfterEach
    void close() {
        endpoint.close();
    }

    @Test
    void aStoppedDomainMovesColdDefinedAndStartedOnTheTarget() throws Exception {
        endpoint.migrate("db", "h1", "h2", MigrationOptions.DEFAULT);
        assertEquals(DomainState.RUNNING, endpoint.monitor("h2", "db").state());
        assertThrows(DriverException.class, () -> endpoint.monitor("h1", "db"), "undefined on the source");
    }

    @Test
    void aLiveMigrationTheHypervisorRefusesLeavesTheDomainRunningOnItsSource() throws Exception {
        DriverException e = assertThrows(DriverException.class,
                () -> endpoint.migrate("web", "h1", "h2", new MigrationOptions(50, Duration.ofMillis(100))));
        assertTrue(e.getMessage().startsWith("host h1: live-migrating domain web to h2 (the domain still runs here): "),
                e.getMessage());
        assertEquals(DomainState.RUNNING, endpoint.monitor("h1", "web").state());
    }

    @Test
    void aDomainStartsOnAHostThatNeverDefinedItFromItsLastSeenDefinition() throws Exception {
        endpoint.start("h2", "xen-hvm");
        assertEquals(DomainState.RUNNING, endpoint.monitor("h2", "xen-hvm").state());
        assertEquals(DomainState.SHUTOFF, endpoint.monitor("h1", "xen-hvm").state(), "the source keeps its definition");
    }
}
