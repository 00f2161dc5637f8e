package org.basket.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.karaf.features.FeaturesService;
import org.basket.api.coordination.Coordination;
import org.basket.api.coordination.Member;
import org.basket.api.coordination.Role;
import org.basket.api.coordination.SharedState;
import org.basket.api.coordination.StaleEpochException;
import org.junit.Test;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

/**
 * The feature basket-coordination-zookeeper in the distribution, which does not boot it: it installs from system/,
 * resolves and starts with its wrapped ZooKeeper, leads alone (embedded) by default, and on a real ZooKeeper server
 * (a process of its own) leads epoch 1 and writes the shared state; the demo cluster runs on meanwhile.
 */
public class CoordinationFeatureIT extends BasketTestSupport {

    @Override
    @Configuration
    public Option[] config() {
        return OptionUtils.combine(super.config(), editConfigurationFilePut("etc/system.properties",
                "basket.zookeeperClasspath", System.getProperty("basket.zookeeperClasspath")));
    }

    @Test
    public void theFeatureStartsLeadsAloneByDefaultAndOnZooKeeperWhenConfigured() throws Exception {
        awaitDemoRunning();
        assertNull("the default distribution boots no coordination", bundleContext.getServiceReference(Coordination.class));

        // as feature:install -r does: no refresh of the bundles already running (the manager goes on as it is)
        service(FeaturesService.class).installFeature("basket-coordination-zookeeper",
                EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles));
        await("the coordination leads alone", () -> role() != null && role().kind() == Role.Kind.LEADER);
        for (String name : List.of("org.apache.zookeeper", "curator-client", "curator-framework", "curator-recipes",
                "basket-coordination")) {
            assertEquals(name + " is active", Bundle.ACTIVE, bundle(name).getState());
        }
        assertEquals(1, role().epoch());

        int port = freeLoopbackPort();
        Path serverLog = Files.createTempDirectory("basket-zookeeper").resolve("server.log");
        Process server = startZooKeeper(port, serverLog);
        try {
            writeConfig("org.basket.coordination.cfg", "mode = zookeeper", "manager.id = itest",
                    "zookeeper.connect = 127.0.0.1:" + port, "zookeeper.chroot = /itest", "session.timeout.ms = 4000",
                    "lease.ms = 1500");
            try {
                await("the coordination leads on ZooKeeper", () -> bundleContext.getServiceReference(SharedState.class)
                        != null && role() != null && role().kind() == Role.Kind.LEADER);
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "\nrole: " + role() + "\nZooKeeper server log:\n"
                        + Files.readString(serverLog), e);
            }
            Coordination coordination = service(Coordination.class);
            SharedState state = service(SharedState.class);
            long epoch = coordination.role().epoch();
            state.write(epoch, "itest/hello", "from Karaf".getBytes(StandardCharsets.UTF_8));

            assertEquals(1, epoch);
            assertTrue(coordination.leadsAt(epoch));
            assertArrayEquals("from Karaf".getBytes(StandardCharsets.UTF_8), state.read("itest/hello").orElseThrow());
            try {
                state.write(epoch + 1, "itest/hello", new byte[0]);
                fail("a write of an epoch not yet reached landed");
            } catch (StaleEpochException expected) {
                // refused by ZooKeeper
            }
            Member me = coordination.members().get(0);
            assertEquals("itest", me.id());
            assertTrue(me.leader());
            assertTrue(me.session().matches("[0-9a-f]+"));
        } finally {
            Files.deleteIfExists(etc("org.basket.coordination.cfg"));
            server.destroyForcibly();
            server.waitFor(10, TimeUnit.SECONDS);
        }
        awaitDemoRunning();
    }

    private Role role() {
        ServiceReference<Coordination> reference = bundleContext.getServiceReference(Coordination.class);
        Coordination coordination = reference == null ? null : bundleContext.getService(reference);
        return coordination == null ? null : coordination.role();
    }

    private <S> S service(Class<S> type) {
        return bundleContext.getService(bundleContext.getServiceReference(type));
    }

    private Bundle bundle(String symbolicName) {
        return Arrays.stream(bundleContext.getBundles()).filter(b -> symbolicName.equals(b.getSymbolicName())).findFirst()
                .orElseThrow(() -> new AssertionError("no bundle " + symbolicName));
    }

    private static Process startZooKeeper(int port, Path log) throws IOException {
        Path data = log.getParent();
        Path config = data.resolve("zoo.cfg");
        Files.write(config, List.of("tickTime=500", "dataDir=" + data, "clientPort=" + port,
                "clientPortAddress=127.0.0.1", "admin.enableServer=false"));
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        return new ProcessBuilder(java.toString(), "-Xmx96m", "-cp", System.getProperty("basket.zookeeperClasspath"),
                "org.apache.zookeeper.server.quorum.QuorumPeerMain", config.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
