package org.basket.core;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.basket.api.cluster.EventKind;
import org.basket.api.model.ResourceStatus;
import org.basket.core.config.ConfigPids;
import org.basket.driver.libvirt.internal.LibvirtDriverFactory;
import org.basket.testsupport.ConfigFiles;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.libvirt.Connect;

/**
 * The manager outside OSGi with the libvirt driver on libvirt's test driver: a crash of a domain
 * reaches the manager as a lifecycle event and the domain is restarted. test:///default is shared by
 * every connection of this process, so this test's own connection can make the domain crash.
 */
public class LibvirtTestDriverRecoveryTest {
    private static final String URI = "test:///default";
    private final ClusterManager manager = new ClusterManager();
    private Connect fault;

    @Before
    public void start() throws Exception {
        fault = new Connect(URI);
        file(ConfigPids.DRIVER, "lv", "type", "libvirt");
        file(ConfigPids.HOST, "h1", "driver", "lv", "address", URI);
        // the test driver's default domain is named "test"
        file(ConfigPids.RESOURCE, "guest", "domain", "test", "cpus", "1", "memory.mb", "64");
        manager.bindDriverFactory(new LibvirtDriverFactory());
        manager.start(Map.of("settle.ms", "0", "observe.interval.ms", "5000", "host.dead.timeout.ms", "300"));
        awaitUntil(10_000, () -> status().isActive());
    }

    @After
    public void stop() throws Exception {
        manager.stop();
        fault.close();
    }

    @Test
    public void aCrashIsSeenThroughTheEventAndTheDomainRestartedInPlace() throws Exception {
        Path core = Files.createTempFile("test-domain", ".core");
        long before = manager.events(1).get(0).sequence();
        long crashed = System.nanoTime();
        fault.domainLookupByName("test").coreDump(core.toString(), 1);
        // the observe interval is 5 s: only the lifecycle event can wake the manager this early
        awaitUntil(1000, () -> manager.events(200).stream().anyMatch(e -> e.sequence() > before
                && e.kind() == EventKind.RESOURCE_FAILED && e.host().equals("h1")
                && e.message().equals("driver 'lv': domain test crashed on h1")));
        awaitUntil(4000 - (System.nanoTime() - crashed) / 1_000_000, () -> manager.events(200).stream()
                .anyMatch(e -> e.sequence() > before && e.kind() == EventKind.ACTION_DONE
                        && e.action().equals("start guest on h1")));
        assertEquals(1, fault.domainLookupByName("test").isActive());
        assertEquals(1, (int) status().failCounts().get("h1"));
        Files.deleteIfExists(core);
    }

    private ResourceStatus status() {
        return manager.snapshot().state().resource("guest");
    }

    private void file(String factoryPid, String name, String... keyValues) {
        ConfigFiles.put(manager.store()::update, factoryPid, name, keyValues);
    }

    private static void awaitUntil(long millis, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Math.max(0, millis) * 1_000_000;
        while (!condition.getAsBoolean()) {
            assertTrue("not within " + millis + " ms", System.nanoTime() < deadline);
            Thread.sleep(10);
        }
    }
}
