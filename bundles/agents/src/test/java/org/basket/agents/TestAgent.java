package org.basket.agents;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;

import org.basket.api.monitor.ServiceDefinition;
import org.basket.api.monitor.ServiceHealth;
import org.basket.channel.agent.AgentChannel;
import org.basket.channel.agent.AgentChannelConfig;
import org.basket.channel.agent.AgentChannelListener;
import org.basket.channel.agent.AgentEnrolment;
import org.basket.channel.agent.AgentIdentity;
import org.basket.channel.agent.Enrolment;
import org.basket.channel.protocol.Command;
import org.basket.channel.protocol.CommandResult;
import org.basket.channel.protocol.CommandVerb;
import org.basket.channel.protocol.MalformedFrameException;
import org.basket.channel.protocol.MonitorResult;
import org.basket.channel.protocol.ServiceDefinitions;
import org.basket.channel.protocol.StateChange;

/**
 * A real agent in the test's process, over the real channel, that behaves as the agent runtime does:
 * services of type {@code fake} run or not as it is told; other types are rejected (UNKNOWN, named in
 * the ACK). A definitions update checks each new service and reports it before the ACK; start and stop
 * report the check, then ACK whether the expected state was reached; every (re)connection sends all
 * latest results. A service with parameter {@code start=fails} never starts; with {@code start=hangs}
 * its start is never answered.
 */
final class TestAgent implements AgentChannelListener, AutoCloseable {
    static final String TYPE = "fake";

    private final Map<String, ServiceDefinition> definitions = new ConcurrentHashMap<>();
    private final Map<String, Boolean> running = new ConcurrentHashMap<>();
    private final Map<String, MonitorResult> latest = new ConcurrentHashMap<>();
    final List<String> refusals = new CopyOnWriteArrayList<>();
    private final AgentChannelConfig config;
    private final AgentIdentity identity;
    private volatile AgentChannel channel;
    private final CountDownLatch closed = new CountDownLatch(1);

    private TestAgent(String host, int port, AgentIdentity identity) throws Exception {
        this.config = AgentChannelConfig.defaults(host, port)
                .withHeartbeat(Duration.ofMillis(100), Duration.ofSeconds(10))
                .withBackoff(Duration.ofMillis(20), Duration.ofMillis(200));
        this.identity = identity;
        reconnect();
    }

    /** Opens a new channel with the same identity and services, as an agent process that restarted. */
    void reconnect() throws Exception {
        channel = new AgentChannel(config, identity, this::handle, this, Clock.systemUTC());
        channel.start();
    }

    /** Enrols with the token and the CA, then connects. */
    static TestAgent enrol(String managerAddress, String vm, String token, String caPem, Path identityDirectory) throws Exception {
        String host = managerAddress.substring(0, managerAddress.lastIndexOf(':'));
        int port = Integer.parseInt(managerAddress.substring(managerAddress.lastIndexOf(':') + 1));
        AgentIdentity identity = AgentEnrolment.enrol(new Enrolment(host, port, vm, token, caPem, Duration.ofSeconds(20)),
                identityDirectory);
        return new TestAgent(host, port, identity);
    }

    /** What systemd would start: an agent reading the enrol.cfg and the ca.crt beside it that the install script wrote under {@code root}. */
    static TestAgent fromInstalledFiles(Path root, Path identityDirectory) throws Exception {
        Properties enrol = new Properties();
        enrol.load(new StringReader(Files.readString(root.resolve("etc/basket-agent/enrol.cfg"))));
        String caPem = Files.readString(root.resolve("etc/basket-agent/ca.crt"));
        return enrol(enrol.getProperty("manager"), enrol.getProperty("vm"), enrol.getProperty("token"), caPem, identityDirectory);
    }

    boolean isConnected() {
        return channel.isConnected();
    }

    /** The service stops by itself: a health change the manager hears of. */
    void crash(String service) {
        running.put(service, false);
        MonitorResult previous = latest.get(service);
        MonitorResult now = check(service);
        channel.report(new StateChange(service, previous == null ? ServiceHealth.UNKNOWN : previous.health(), now.health(),
                "crashed", now.checkedAt()));
        channel.report(now);
    }

    private CommandResult handle(Command command) throws InterruptedException {
        String service = command.service();
        switch (command.verb()) {
            case UPDATE_DEFINITIONS -> {
                return updateDefinitions(command.payload());
            }
            case START, STOP, RESTART -> {
                if (!definitions.containsKey(service)) {
                    return CommandResult.failed("no definition of " + service);
                }
                boolean start = command.verb() != CommandVerb.STOP;
                String startParameter = definitions.get(service).parameters().getOrDefault("start", "");
                if (start && startParameter.equals("hangs")) {
                    closed.await();
                }
                boolean refuses = startParameter.equals("fails");
                running.put(service, start && !refuses);
                MonitorResult result = check(service);
                channel.report(result);
                boolean reached = result.health() == (start ? ServiceHealth.OK : ServiceHealth.NOT_RUNNING);
                return reached ? CommandResult.done(result.detail())
                        : CommandResult.failed(service + " is " + result.health() + " after " + command.verb().wireName()
                                + ": " + result.detail());
            }
            default -> {
                channel.report(check(service));
                return CommandResult.done("");
            }
        }
    }

    private CommandResult updateDefinitions(String payload) {
        List<ServiceDefinition> received;
        try {
            received = ServiceDefinitions.decode(payload);
        } catch (MalformedFrameException e) {
            return CommandResult.failed("malformed definitions: " + e.getMessage());
        }
        definitions.clear();
        List<String> rejected = new ArrayList<>();
        for (ServiceDefinition definition : received) {
            definitions.put(definition.name(), definition);
            running.putIfAbsent(definition.name(), false);
            MonitorResult result = check(definition.name());
            if (result.health() == ServiceHealth.UNKNOWN) {
                rejected.add(definition.name() + " (" + result.detail() + ")");
            }
            channel.report(result);
        }
        return CommandResult.done(rejected.isEmpty() ? "" : "rejected: " + String.join(", ", rejected));
    }

    private MonitorResult check(String service) {
        ServiceDefinition definition = definitions.get(service);
        MonitorResult result;
        if (definition == null) {
            result = new MonitorResult(service, ServiceHealth.UNKNOWN, "no definition of " + service, Instant.now());
        } else if (!definition.type().equals(TYPE)) {
            result = new MonitorResult(service, ServiceHealth.UNKNOWN, "unknown monitor type '" + definition.type() + "'", Instant.now());
        } else {
            boolean up = running.getOrDefault(service, false);
            result = new MonitorResult(service, up ? ServiceHealth.OK : ServiceHealth.NOT_RUNNING, up ? "running" : "not running",
                    Instant.now());
        }
        latest.put(service, result);
        return result;
    }

    @Override
    public void connected() {
        latest.values().forEach(channel::report);
    }

    @Override
    public void refused(String reason) {
        refusals.add(reason);
    }

    @Override
    public void close() {
        closed.countDown();
        channel.close();
    }
}
