package org.basket.driver.libvirt.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.basket.api.driver.DomainInfo;
import org.basket.api.driver.DomainState;
import org.basket.api.driver.DriverException;
import org.basket.api.driver.HostInfo;
import org.basket.api.model.Capacity;
import org.basket.testsupport.RecordingDriverListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.libvirt.Connect;

/** The driver against libvirt's test driver: a node file with KVM and Xen domains, in this process. */
class LibvirtEndpointTest {
    private static final String DB_UUID = "4dea22b3-1d52-d8f3-2516-782e98ab3fa0";

    @TempDir
    Path dir;

    private final RecordingDriverListener listener = new RecordingDriverListener();
    private LibvirtEndpoint endpoint;
    private String uri;

    @BeforeEach
    void attach() throws Exception {
        endpoint = TestHosts.open("kvm", Map.of(), listener);
        uri = TestHosts.uri(dir, "h1", "node.xml");
        endpoint.attach(TestHosts.binding("h1", uri));
    }

    @AfterEach
    void close() {
        endpoint.close();
    }

    @Test
    void discoversCapacityAndEveryDomainIncludingXenOnes() throws Exception {
        HostInfo host = endpoint.host("h1");
        assertEquals(new Capacity(8, 16384), host.capacity());
        assertEquals(5, host.free().cpus(), "8 CPUs less web's 2 and xen-pv's 1");

        List<DomainInfo> domains = endpoint.domains("h1");
        assertTrue(domains.contains(new DomainInfo("web", DomainState.RUNNING)));
        assertTrue(domains.contains(new DomainInfo("xen-pv", DomainState.RUNNING)));
        assertTrue(domains.contains(new DomainInfo("db", DomainState.SHUTOFF)));
        assertTrue(domains.contains(new DomainInfo("xen-hvm", DomainState.SHUTOFF)));
        assertTrue(domains.contains(new DomainInfo(DB_UUID, DomainState.SHUTOFF)), "listed under its UUID too");
        assertEquals(8, domains.size(), "four domains, each by name and by UUID");
        assertEquals(List.of("h1"), endpoint.discoverHosts());
    }

    @Test
    void startsAndStopsByNameOrUuidAndReportsEachChange() throws Exception {
        endpoint.start("h1", DB_UUID);
        assertEquals(DomainState.RUNNING, endpoint.monitor("h1", "db").state());
        assertEquals(DomainState.RUNNING, endpoint.monitor("h1", DB_UUID).state());
        await().atMost(Duration.ofSeconds(1)).until(() -> listener.saw("h1", "db", DomainState.RUNNING));

        endpoint.start("h1", "db");
        assertEquals(DomainState.RUNNING, endpoint.monitor("h1", "db").state(), "starting a running domain is a no-op");

        endpoint.stop("h1", "db", Duration.ofSeconds(5));
        assertEquals(DomainState.SHUTOFF, endpoint.monitor("h1", "db").state());
        await().atMost(Duration.ofSeconds(1)).until(() -> listener.saw("h1", "db", DomainState.SHUTOFF));

        endpoint.start("h1", "xen-hvm");
        assertEquals(DomainState.RUNNING, endpoint.monitor("h1", "xen-hvm").state());
    }

    @Test
    void aCrashIsReportedWithinOneSecondWithoutPolling() throws Exception {
        // the test driver keeps a node file's state per connection: the fault goes through the endpoint's own
        Connect connect = endpoint.connection("h1").require();
        long before = System.nanoTime();
        connect.domainLookupByName("xen-pv").coreDump(dir.resolve("xen-pv.core").toString(), 1);
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(10))
                .until(() -> listener.saw("h1", "xen-pv", DomainState.CRASHED));
        assertTrue(System.nanoTime() - before < 1_000_000_000L);
        assertTrue(endpoint.monitor("h1", "xen-pv").state() != DomainState.RUNNING);
    }

    @Test
    void anUnknownDomainIsAnErrorNamingHostAndDomain() {
        DriverException e = assertThrows(DriverException.class, () -> endpoint.start("h1", "no-such-vm"));
        assertEquals("host h1: no domain 'no-such-vm' (by name or UUID), and no other host of driver 'kvm' defined it",
                e.getMessage());
        DriverException monitor = assertThrows(DriverException.class, () -> endpoint.monitor("h1", "no-such-vm"));
        assertEquals("host h1: no domain 'no-such-vm' (by name or UUID) at " + uri, monitor.getMessage());
        DriverException uuid = assertThrows(DriverException.class,
                () -> endpoint.monitor("h1", "11111111-2222-3333-4444-555555555555"));
        assertTrue(uuid.getMessage().startsWith("host h1: no domain '11111111-2222-3333-4444-555555555555'"));
        assertThrows(DriverException.class, () -> endpoint.host("h9"), "host h9 is not attached");
    }

    /** A failed VM is stopped where it failed before it is recovered: a domain not there is stopped already. */
    @Test
    void stoppingADomainThatIsNotThereIsDone() throws Exception {
        endpoint.stop("h1", "no-such-vm", Duration.ZERO);
        endpoint.stop("h1", "11111111-2222-3333-4444-555555555555", Duration.ZERO);
        assertThrows(DriverException.class, () -> endpoint.stop("h9", "no-such-vm", Duration.ZERO),
                "host h9 is not attached");
    }

    @Test
    void provisioningDefinesAndUndefinesFromDomainXml() throws Exception {
        String xml = "<domain type='xen'><name>fresh</name><memory>262144</memory><vcpu>1</vcpu>"
                + "<os><type arch='x86_64'>xen</type></os></domain>";
        assertEquals("fresh", endpoint.define("h1", xml));
        assertTrue(endpoint.domains("h1").contains(new DomainInfo("fresh", DomainState.SHUTOFF)));

        endpoint.start("h1", "fresh");
        DriverException running = assertThrows(DriverException.class, () -> endpoint.undefine("h1", "fresh"));
        assertEquals("host h1: domain fresh is running; stop it before undefining it", running.getMessage());
        endpoint.stop("h1", "fresh", Duration.ofSeconds(1));
        endpoint.undefine("h1", "fresh");
        assertTrue(endpoint.domains("h1").stream().noneMatch(d -> d.name().equals("fresh")));
    }

    @Test
    void domainXmlThatDoesNotParseIsAnErrorNamingTheHost() {
        DriverException e = assertThrows(DriverException.class, () -> endpoint.define("h1", "<domain><name>x"));
        assertTrue(e.getMessage().startsWith("host h1: defining a domain from XML: "), e.getMessage());
        assertTrue(e.getMessage().length() > "host h1: defining a domain from XML: ".length());
    }
}
