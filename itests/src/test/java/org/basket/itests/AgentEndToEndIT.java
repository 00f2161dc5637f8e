package org.basket.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

import org.basket.api.cluster.ClusterEvent;
import org.basket.api.cluster.EventKind;
import org.junit.Test;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;

/**
 * The real in-guest agent end to end, in the real distribution on the simulated hypervisor: the
 * agent archive the build made is installed with {@code ha:agent-install} over a real OpenSSH
 * server into a throwaway root standing in for VM {@code shop}, started the way its systemd unit
 * says (this test plays systemd, which cannot run here), enrols, and then watches two real
 * services: a Python HTTP server (http monitor) and the OCF agent heartbeat:Dummy (ocf monitor).
 * The VM itself is simulated; its services and the agent are real processes on this machine.
 */
public class AgentEndToEndIT extends BasketTestSupport {
    private static final int CHANNEL_PORT = freeLocalPort();
    private static final int WEB_PORT = freeLocalPort();
    private static final String WEB_PROCESS = "http[.]server " + WEB_PORT;

    @Configuration
    @Override
    public Option[] config() {
        return OptionUtils.combine(super.config(),
                editConfigurationFilePut("etc/org.basket.agents.cfg", "bind.address", "127.0.0.1"),
                editConfigurationFilePut("etc/org.basket.agents.cfg", "port", Integer.toString(CHANNEL_PORT)),
                editConfigurationFilePut("etc/org.basket.agents.cfg", "advertised.address", "127.0.0.1:" + CHANNEL_PORT),
                editConfigurationFilePut("etc/system.properties", "basket.agentArchive",
                        System.getProperty("basket.agentArchive")));
    }

    @Test
    public void theRealAgentIsInstalledWatchesRealServicesAndTheManagerRestartsAndEscalates() throws Exception {
        Path work = Files.createTempDirectory("basket-agent-e2e");
        Path root = Files.createDirectories(work.resolve("guest-root"));
        Path services = Files.createDirectories(work.resolve("services"));
        try (GuestSshd sshd = GuestSshd.start(Files.createDirectories(work.resolve("sshd")));
                GuestSystemd systemd = new GuestSystemd(root)) {
            writeConfig("org.basket.resource-shop.cfg", "name = shop", "cpus = 1", "memory.mb = 512");
            await("shop runs", () -> runningOnOneHost("shop"));

            String byHand = execute("ha:agent-token --dir " + work + " --ca-file ca.crt shop");
            assertTrue(byHand, byHand.contains("token:") && byHand.contains("--manager 127.0.0.1:"));
            assertTrue(Files.readString(work.resolve("ca.crt")).startsWith("-----BEGIN CERTIFICATE-----"));
            CommandFailed again = assertThrows(CommandFailed.class,
                    () -> execute("ha:agent-token --dir " + work + " --ca-file ca.crt shop"));
            assertTrue(again.getMessage(), again.getMessage().contains("exists; not overwritten (--force replaces it)"));

            String ssh = " --ssh " + System.getProperty("user.name") + "@127.0.0.1 --port " + sshd.port()
                    + " --key " + sshd.clientKey() + " --host-key " + sshd.hostKeyFingerprint() + " --root " + root;
            CompletableFuture<String> install = CompletableFuture.supplyAsync(() -> execute("ha:agent-install" + ssh
                    + " --archive " + System.getProperty("basket.agentArchive") + " --timeout 120 shop"));
            await("the install script wrote the systemd unit", Duration.ofSeconds(60),
                    () -> systemd.unitInstalled() || install.isDone());
            if (!systemd.unitInstalled()) {
                throw new AssertionError("ha:agent-install ended before installing: " + install.join());
            }
            systemd.start();
            String installed = install.get();
            assertTrue(installed, installed.contains("shop"));
            assertTrue(execute("ha:agents"), execute("ha:agents").contains("connected"));
            configureServices(services); // now: the simulator's agents would otherwise play shop's until the real one enrols

            await("the agent started shop-db, then shop-web", Duration.ofSeconds(60),
                    () -> runningOnOneHost("shop-db") && runningOnOneHost("shop-web") && webAnswers());
            // the agent may report shop-web running a moment before its start is acknowledged
            await("both starts were acknowledged", () -> firstStartDone("shop-db") > 0 && firstStartDone("shop-web") > 0);
            assertTrue(recentEvents(), firstStartDone("shop-db") < firstStartDone("shop-web"));
            await("the agent says it cannot check shop-mystery", () -> firstEvent(e -> e.kind() == EventKind.AGENT
                    && e.resource().equals("shop-mystery") && e.message().startsWith("agent of shop: shop-mystery UNKNOWN: ")
                    && e.message().contains("no monitor of type 'snmp'")) > 0);
            String status = execute("ha:status");
            assertTrue(status, status.contains("In-guest agents") && status.contains("shop: connected from 127.0.0.1:"));
            String where = execute("ha:where shop-web");
            assertTrue(where, where.contains("shop") && where.contains(hostOf("shop")));

            Recovery first = killWebAndAwaitRestart();
            System.out.println("service failure -> restart (monitor interval 1000 ms): " + first);
            assertEquals("one failure is restarted in place: " + recentEvents(), -1, firstEvent(vmRestartFor("shop-web")));

            String host = hostOf("shop");
            Recovery second = killWebAndAwaitRestart();
            System.out.println("second failure -> restart with its VM: " + second);
            await("the second failure restarted VM shop", () -> firstEvent(vmRestartFor("shop-web").and(e -> e.host().equals(host)
                    && e.message().contains("failed 2 times"))) > 0);
            await("shop and its services run again", Duration.ofSeconds(60),
                    () -> runningOnOneHost("shop") && runningOnOneHost("shop-db") && runningOnOneHost("shop-web") && webAnswers());

            assertEquals("a service its agent cannot check is held, not started blind: " + recentEvents(), -1,
                    firstEvent(e -> e.resource().equals("shop-mystery") && e.action().startsWith("start ")));
            assertTrue(status("shop-mystery").failCounts().isEmpty());

            // what the script's `systemctl disable --now` does on a real guest, which it cannot in a throwaway root:
            // the agent stops before its files are removed (a running agent may still write into data/)
            systemd.close();
            String removed = execute("ha:agent-uninstall" + ssh + " shop");
            assertTrue(removed, removed.contains("Revoked the certificate of VM shop's agent") && removed.contains("removed the agent from " + root));
            assertFalse(Files.exists(root.resolve("opt/basket-agent")));
            await("the agent is gone", () -> !execute("ha:agents").contains("connected"));
        } finally {
            stopServices(services);
        }
    }

    private void configureServices(Path services) throws IOException {
        writeConfig("org.basket.resource-shop-db.cfg", "name = shop-db", "kind = guest-service", "container = shop",
                "check = ocf", "param.agent = heartbeat:Dummy", "param.param.state = " + services.resolve("db.state"),
                "monitor.interval.ms = 1000");
        writeConfig("org.basket.resource-shop-web.cfg", "name = shop-web", "kind = guest-service", "container = shop",
                "check = http", "param.url = http://127.0.0.1:" + WEB_PORT + "/", "monitor.interval.ms = 1000",
                "migration.threshold = 2",
                "param.start = setsid python3 -m http.server " + WEB_PORT + " --bind 127.0.0.1 --directory " + services
                        + " >/dev/null 2>&1 </dev/null &",
                "param.stop = pkill -f '" + WEB_PROCESS + "' || true");
        writeConfig("org.basket.resource-shop-mystery.cfg", "name = shop-mystery", "kind = guest-service", "container = shop",
                "check = snmp", "param.oid = 1.3.6.1.2.1.1.3.0");
        writeConfig("org.basket.constraint-shop-db-before-web.cfg", "name = shop-db-before-web", "type = order",
                "first = shop-db", "then = shop-web");
    }

    /** Kills the web server and follows the manager's reaction through its events. */
    private Recovery killWebAndAwaitRestart() throws Exception {
        long before = lastEventSequence();
        Instant killed = Instant.now();
        run("pkill", "-f", WEB_PROCESS);
        Predicate<ClusterEvent> webFailed = e -> e.kind() == EventKind.RESOURCE_FAILED && e.resource().equals("shop-web");
        await("the manager saw shop-web fail", () -> eventAfter(before, webFailed) != null);
        ClusterEvent failed = eventAfter(before, webFailed);
        await("the manager restarted shop-web", Duration.ofSeconds(60), () -> webAnswers() && runningOnOneHost("shop-web")
                && eventAfter(failed.sequence(), e -> e.kind() == EventKind.ACTION_DONE && e.resource().equals("shop-web")
                        && e.action().startsWith("start ")) != null);
        ClusterEvent started = eventAfter(failed.sequence(), e -> e.kind() == EventKind.TRANSITION_STARTED);
        return new Recovery(Duration.between(killed, failed.time()), Duration.between(failed.time(), started.time()),
                Duration.between(killed, Instant.now()));
    }

    private record Recovery(Duration killToFailureSeen, Duration failureSeenToRestartIssued, Duration killToAnsweringAgain) {
        @Override
        public String toString() {
            return "kill -> failure seen by the manager " + killToFailureSeen.toMillis() + " ms, -> restart issued "
                    + failureSeenToRestartIssued.toMillis() + " ms, kill -> answering again <= "
                    + killToAnsweringAgain.toMillis() + " ms";
        }
    }

    /** The first event after the sequence number that matches, or null. */
    private ClusterEvent eventAfter(long sequence, Predicate<ClusterEvent> what) {
        return cluster.events(2000).stream().filter(e -> e.sequence() > sequence && what.test(e))
                .min(Comparator.comparingLong(ClusterEvent::sequence)).orElse(null);
    }

    /** The escalation of a guest service's failures to a restart of its VM. */
    private static Predicate<ClusterEvent> vmRestartFor(String service) {
        return e -> e.kind() == EventKind.RESOURCE_FAILED && e.resource().equals(service)
                && e.message().contains(": restarting its VM ");
    }

    private long lastEventSequence() {
        List<ClusterEvent> events = cluster.events(1);
        return events.isEmpty() ? 0 : events.get(0).sequence();
    }

    private static boolean webAnswers() {
        try {
            HttpURLConnection connection = (HttpURLConnection) new URL("http://127.0.0.1:" + WEB_PORT + "/").openConnection();
            connection.setConnectTimeout(500);
            connection.setReadTimeout(500);
            return connection.getResponseCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    private static void stopServices(Path services) throws Exception {
        run("pkill", "-f", WEB_PROCESS);
        Files.deleteIfExists(services.resolve("db.state"));
    }

    private static void run(String... command) throws Exception {
        new ProcessBuilder(command).redirectErrorStream(true).start().waitFor();
    }

    private static int freeLocalPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
