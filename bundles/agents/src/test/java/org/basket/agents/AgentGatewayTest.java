package org.basket.agents;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.basket.api.monitor.AgentEnrolment;
import org.basket.api.monitor.AgentException;
import org.basket.api.monitor.AgentStatus;
import org.basket.api.monitor.CheckResult;
import org.basket.api.monitor.ServiceDefinition;
import org.basket.api.monitor.ServiceHealth;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway with its real channel on loopback and real agents (the channel's agent side) in this process. */
class AgentGatewayTest {
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final ServiceDefinition NGINX = new ServiceDefinition("nginx", TestAgent.TYPE, Map.of());
    private static final ServiceDefinition BROKEN = new ServiceDefinition("broken", TestAgent.TYPE, Map.of("start", "fails"));
    private static final ServiceDefinition HANGING = new ServiceDefinition("hanging", TestAgent.TYPE, Map.of("start", "hangs"));
    private static final ServiceDefinition ODD = new ServiceDefinition("odd", "no-such-type", Map.of());

    @TempDir
    Path directory;
    private GatewayFixture fixture;
    private AgentGateway gateway;
    private TestAgent agent;
    private final List<String> changes = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        fixture = new GatewayFixture(directory);
        gateway = fixture.gateway;
        gateway.listen(() -> changes.add(Thread.currentThread().getName() + ": " + seen("web1", "nginx")));
    }

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.close();
        }
        fixture.close();
    }

    @Test
    void anEnrolmentTokenLetsTheAgentEnrolAndConnect() throws Exception {
        AgentEnrolment enrolment = gateway.enrol("web1", Duration.ofMinutes(5));
        assertTrue(enrolment.managerAddress().endsWith(":" + gateway.port()), enrolment.managerAddress());
        assertEquals(AgentStates.TOKEN_ISSUED, AgentStates.of(gateway.agent("web1").orElseThrow()));
        assertFalse(gateway.serves("web1"));

        agent = TestAgent.enrol(fixture.address(), "web1", enrolment.token(), gateway.caCertificatePem(), directory.resolve("agent"));

        await().atMost(PATIENCE).until(() -> gateway.agent("web1").map(AgentStatus::connected).orElse(false));
        AgentStatus status = gateway.agent("web1").orElseThrow();
        assertTrue(status.enrolled());
        assertTrue(status.address().startsWith("127.0.0.1:"), status.address());
        assertEquals("basket-agent", status.software());
        assertTrue(gateway.serves("web1"));
        assertFalse(gateway.serves("db"));
        assertEquals(List.of("web1"), gateway.agents().stream().map(AgentStatus::vm).toList());
    }

    @Test
    void servicesAreUnknownUntilTheAgentConnectsThenDefinitionsBringResults() throws Exception {
        gateway.enrol("web1", Duration.ofMinutes(5));
        assertEquals(Optional.empty(), gateway.services("web1"));
        assertThrows(AgentException.class, () -> gateway.define("web1", List.of(NGINX)));

        agent = fixture.connect("web1");
        await().atMost(PATIENCE).until(agent::isConnected);
        gateway.define("web1", List.of(NGINX, ODD));

        Map<String, CheckResult> services = gateway.services("web1").orElseThrow();
        assertEquals(List.of("nginx", "odd"), List.copyOf(services.keySet()));
        assertEquals(ServiceHealth.NOT_RUNNING, services.get("nginx").health());
        assertEquals(new CheckResult(ServiceHealth.UNKNOWN, "unknown monitor type 'no-such-type'"), services.get("odd"));
    }

    @Test
    void startAndStopReturnOnceTheAgentCheckedTheService() throws Exception {
        agent = connectedAgent("web1", NGINX);

        gateway.start("web1", "nginx");
        assertEquals(ServiceHealth.OK, gateway.services("web1").orElseThrow().get("nginx").health());

        gateway.stop("web1", "nginx");
        assertEquals(ServiceHealth.NOT_RUNNING, gateway.services("web1").orElseThrow().get("nginx").health());
    }

    @Test
    void aFailedAcknowledgementIsAnAgentExceptionNamingVmServiceAndReason() throws Exception {
        agent = connectedAgent("web1", NGINX, BROKEN);

        AgentException error = assertThrows(AgentException.class, () -> gateway.start("web1", "broken"));

        assertEquals("the agent of VM web1 could not start broken: broken is NOT_RUNNING after start: not running",
                error.getMessage());
        AgentException unknown = assertThrows(AgentException.class, () -> gateway.stop("web1", "nosuch"));
        assertEquals("the agent of VM web1 could not stop nosuch: no definition of nosuch", unknown.getMessage());
        AgentException absent = assertThrows(AgentException.class, () -> gateway.start("db", "postgres"));
        assertEquals("the agent of VM db is not connected: cannot start postgres", absent.getMessage());
    }

    @Test
    void anAgentThatDoesNotAcknowledgeInTimeIsAnAgentException() throws Exception {
        agent = connectedAgent("web1", HANGING);
        fixture.reconfigure("command.timeout.ms", "300");

        AgentException error = assertThrows(AgentException.class, () -> gateway.start("web1", "hanging"));

        assertEquals("the agent of VM web1 did not acknowledge within 300 ms: start hanging", error.getMessage());
    }

    @Test
    void definitionsBeyondWhatOneAgentIsGivenAreRefusedBeforeSending() throws Exception {
        agent = connectedAgent("web1", NGINX);
        List<ServiceDefinition> tooMany = IntStream.rangeClosed(0, AgentReports.MAX_SERVICES)
                .mapToObj(i -> new ServiceDefinition("s" + i, TestAgent.TYPE, Map.of())).toList();
        List<ServiceDefinition> tooLarge = List.of(new ServiceDefinition("big", TestAgent.TYPE,
                Map.of("blob", "x".repeat(AgentGateway.MAX_DEFINITIONS_BYTES))));

        AgentException many = assertThrows(AgentException.class, () -> gateway.define("web1", tooMany));
        AgentException large = assertThrows(AgentException.class, () -> gateway.define("web1", tooLarge));

        assertTrue(many.getMessage().startsWith("the definitions of VM web1 (257 services, "), many.getMessage());
        assertTrue(many.getMessage().endsWith(" exceed what one agent is given: 256 services, 524288 bytes"), many.getMessage());
        assertTrue(large.getMessage().startsWith("the definitions of VM web1 (1 services, "), large.getMessage());
        assertEquals(List.of("nginx"), List.copyOf(gateway.services("web1").orElseThrow().keySet()), "the last good ones stay");
    }

    @Test
    void anAgentThatStopsReadingLosesItsSessionAndHoldsNoCaller() throws Exception {
        fixture.reconfigure("command.timeout.ms", "300");
        AgentEnrolment enrolment = gateway.enrol("web1", Duration.ofMinutes(5));
        List<ServiceDefinition> large = List.of(new ServiceDefinition("big", TestAgent.TYPE, Map.of("blob", "x".repeat(400_000))));
        try (NonReadingAgent stalled = new NonReadingAgent("127.0.0.1", gateway.port(), "web1", enrolment.token(),
                gateway.caCertificatePem(), directory.resolve("stalled"))) {
            await().atMost(PATIENCE).until(() -> gateway.agent("web1").map(AgentStatus::connected).orElse(false));
            CompletableFuture<Void> caller = CompletableFuture.runAsync(() -> {
                while (gateway.agent("web1").orElseThrow().connected()) {
                    try {
                        gateway.define("web1", large);
                    } catch (AgentException e) {
                        // not acknowledged: sent again until the manager's writes to the agent block
                    }
                }
            });

            await().atMost(PATIENCE.multipliedBy(2)).until(() -> !gateway.agent("web1").orElseThrow().connected());
            caller.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            assertEquals("enrolled, disconnected: a frame was not written within 10000 ms: the agent does not read",
                    gateway.agent("web1").orElseThrow().detail());
        }
    }

    @Test
    void aHealthChangeCallsTheListenersFromTheGatewaysOwnThread() throws Exception {
        agent = connectedAgent("web1", NGINX);
        gateway.start("web1", "nginx");
        await().atMost(PATIENCE).until(() -> changes.contains("basket-agents-changes: OK"));
        changes.clear();

        agent.crash("nginx");

        await().atMost(PATIENCE).until(() -> changes.contains("basket-agents-changes: NOT_RUNNING"));
        assertTrue(changes.stream().allMatch(change -> change.startsWith("basket-agents-changes: ")), changes.toString());
    }

    @Test
    void aDisconnectEmptiesTheServicesAndCallsTheListeners() throws Exception {
        agent = connectedAgent("web1", NGINX);
        await().atMost(PATIENCE).until(() -> changes.contains("basket-agents-changes: NOT_RUNNING"));
        changes.clear();

        agent.close();

        await().atMost(PATIENCE).until(() -> changes.contains("basket-agents-changes: not connected"));
        assertEquals(Optional.empty(), gateway.services("web1"));
        AgentStatus status = gateway.agent("web1").orElseThrow();
        assertFalse(status.connected());
        assertEquals(AgentStates.ENROLLED, AgentStates.of(status));
        assertTrue(status.detail().startsWith("enrolled, disconnected: "), status.detail());
        assertTrue(gateway.serves("web1"), "an enrolled agent is still served while away");
    }

    @Test
    void aReconnectingAgentReportsItsServicesAgain() throws Exception {
        agent = connectedAgent("web1", NGINX);
        gateway.start("web1", "nginx");
        agent.close();
        await().atMost(PATIENCE).until(() -> gateway.services("web1").isEmpty());

        agent.reconnect();

        await().atMost(PATIENCE).until(() -> gateway.services("web1").map(s -> s.get("nginx").health() == ServiceHealth.OK).orElse(false));
    }

    @Test
    void revokingEndsTheSessionAndTheGatewayNoLongerServesTheVm() throws Exception {
        agent = connectedAgent("web1", NGINX);

        gateway.revoke("web1");

        await().atMost(PATIENCE).until(() -> !gateway.agent("web1").orElseThrow().connected());
        assertFalse(gateway.serves("web1"));
        assertEquals(Optional.empty(), gateway.services("web1"));
        assertEquals(AgentStates.REVOKED, AgentStates.of(gateway.agent("web1").orElseThrow()));
        await().atMost(PATIENCE).until(() -> !agent.refusals.isEmpty());
        assertTrue(agent.refusals.get(0).contains("revoked"), agent.refusals.toString());
        assertFalse(agent.isConnected());

        gateway.enrol("web1", Duration.ofMinutes(5));
        assertEquals(AgentStates.TOKEN_ISSUED, AgentStates.of(gateway.agent("web1").orElseThrow()), "a new enrolment is under way");
    }

    @Test
    void aBadConfigurationKeepsTheRunningChannel() throws Exception {
        agent = connectedAgent("web1", NGINX);
        int port = gateway.port();

        fixture.reconfigure("port", "eighty");
        fixture.reconfigure("command.timeout.ms", "-5");

        assertEquals(port, gateway.port());
        assertTrue(agent.isConnected());
        gateway.start("web1", "nginx");
    }

    @Test
    void aNewPortRestartsTheListener() throws Exception {
        int oldPort = gateway.port();
        int newPort = freePort();

        fixture.reconfigure("port", Integer.toString(newPort));

        assertEquals(newPort, gateway.port());
        assertTrue(gateway.enrol("web1", Duration.ofMinutes(1)).managerAddress().endsWith(":" + newPort));
        assertThrows(IOException.class, () -> new Socket("127.0.0.1", oldPort).close());
        agent = fixture.connect("web1");
        await().atMost(PATIENCE).until(agent::isConnected);
    }

    @Test
    void aPortInUseKeepsTheRunningChannel() throws Exception {
        int port = gateway.port();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            fixture.reconfigure("port", Integer.toString(taken.getLocalPort()));
        }

        assertEquals(port, gateway.port());
        agent = fixture.connect("web1");
        await().atMost(PATIENCE).until(agent::isConnected);
    }

    @Test
    void anAddressThatCannotBeBoundKeepsTheChannelOnItsPort() throws Exception {
        agent = connectedAgent("web1", NGINX);
        int port = gateway.port();
        fixture.reconfigure("port", Integer.toString(port));
        assertEquals(port, gateway.port());

        fixture.reconfigure("bind.address", "192.0.2.1");

        assertEquals(port, gateway.port());
        await().atMost(PATIENCE).until(() -> gateway.agent("web1").map(AgentStatus::connected).orElse(false));
        gateway.start("web1", "nginx");
    }

    private TestAgent connectedAgent(String vm, ServiceDefinition... services) throws Exception {
        TestAgent connected = fixture.connect(vm);
        await().atMost(PATIENCE).until(() -> gateway.agent(vm).map(AgentStatus::connected).orElse(false));
        gateway.define(vm, List.of(services));
        return connected;
    }

    /** What a listener sees of the service when it is called. */
    private String seen(String vm, String service) {
        return gateway.services(vm).map(services -> services.containsKey(service) ? services.get(service).health().toString() : "unknown")
                .orElse("not connected");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
