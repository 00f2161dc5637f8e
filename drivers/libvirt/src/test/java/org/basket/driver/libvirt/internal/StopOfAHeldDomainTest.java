package org.basket.driver.libvirt.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.basket.api.driver.DomainState;
import org.basket.testsupport.RecordingDriverListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.libvirt.Connect;
import org.libvirt.event.DomainEventType;
import org.libvirt.event.LifecycleListener;

/**
 * A paused or crashed domain runs no guest code, so a graceful shutdown would only wait out the grace: the stop
 * destroys it at once. libvirt's test driver says which it did in the STOPPED event's detail (SHUTDOWN or DESTROYED).
 */
class StopOfAHeldDomainTest {
    /** Long enough that waiting it out would show; a stop that waits it fails the test by its timeout, not by a clock. */
    private static final Duration GRACE = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private final List<String> stops = new CopyOnWriteArrayList<>();
    private final LifecycleListener stopped = (domain, event) -> {
        if (event.getType() == DomainEventType.STOPPED) {
            try {
                stops.add(domain.getName() + " " + event.getDetail());
            } catch (org.libvirt.LibvirtException e) {
                stops.add("? " + event.getDetail());
            }
        }
        return 0;
    };
    private LibvirtEndpoint endpoint;
    private Connect connect;

    @BeforeEach
    void attach() throws Exception {
        endpoint = TestHosts.open("kvm", Map.of(), new RecordingDriverListener());
        endpoint.attach(TestHosts.binding("h1", TestHosts.uri(dir, "h1", "held-node.xml")));
        // the test driver keeps a node file's state per connection: watch and act through the endpoint's own
        connect = endpoint.connection("h1").require();
        connect.addLifecycleListener(stopped);
    }

    @AfterEach
    void close() throws Exception {
        connect.removeLifecycleListener(stopped);
        endpoint.close();
    }

    @Test
    void aDomainPausedByAnOperatorIsDestroyedWithoutAShutdown() throws Exception {
        connect.domainLookupByName("running").suspend();
        assertEquals(DomainState.PAUSED, endpoint.monitor("h1", "running").state());

        endpoint.stop("h1", "running", GRACE);

        assertEquals(DomainState.SHUTOFF, endpoint.monitor("h1", "running").state());
        await().atMost(Duration.ofSeconds(5)).until(() -> !stops.isEmpty());
        assertEquals(List.of("running DESTROYED"), stops);
    }

    @Test
    void pausedAndCrashedDomainsOfTheNodeFileAreDestroyedWithoutAShutdown() throws Exception {
        assertEquals(DomainState.PAUSED, endpoint.monitor("h1", "paused").state());
        assertEquals(DomainState.CRASHED, endpoint.monitor("h1", "crashed").state());

        endpoint.stop("h1", "paused", GRACE);
        endpoint.stop("h1", "crashed", GRACE);

        assertEquals(DomainState.SHUTOFF, endpoint.monitor("h1", "paused").state());
        assertEquals(DomainState.SHUTOFF, endpoint.monitor("h1", "crashed").state());
        await().atMost(Duration.ofSeconds(5)).until(() -> stops.size() == 2);
        assertEquals(List.of("paused DESTROYED", "crashed DESTROYED"), stops);
    }

    @Test
    void aRunningDomainIsStillShutDownGracefully() throws Exception {
        endpoint.stop("h1", "running", GRACE);

        assertEquals(DomainState.SHUTOFF, endpoint.monitor("h1", "running").state());
        await().atMost(Duration.ofSeconds(5)).until(() -> !stops.isEmpty());
        assertEquals(List.of("running SHUTDOWN"), stops);
    }
}
