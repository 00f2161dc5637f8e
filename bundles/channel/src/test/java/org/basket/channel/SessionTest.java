package org.basket.channel;

import static org.awaitility.Awaitility.await;
import static org.basket.channel.ManagerFixture.TIMEOUT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.basket.api.monitor.ServiceHealth;
import org.basket.channel.agent.AgentChannel;
import org.basket.channel.agent.AgentIdentity;
import org.basket.channel.agent.CommandHandler;
import org.basket.channel.manager.AgentNotConnectedException;
import org.basket.channel.protocol.Command;
import org.basket.channel.protocol.CommandResult;
import org.basket.channel.protocol.CommandVerb;
import org.basket.channel.protocol.Message;
import org.basket.channel.protocol.MessageType;
import org.basket.channel.protocol.MonitorResult;
import org.basket.channel.protocol.StateChange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SessionTest extends ManagerPerTest {
    private final CountDownLatch slowRelease = new CountDownLatch(1);

    private final CommandHandler services = command -> switch (command.verb()) {
        case START, STOP, RESTART -> CommandResult.done(command.verb().wireName() + "ed " + command.service());
        case CHECK_NOW -> {
            if (command.service().equals("slow")) {
                slowRelease.await();
                yield CommandResult.done("slow is fine");
            }
            throw new IllegalStateException("no service " + command.service());
        }
        case UPDATE_DEFINITIONS -> CommandResult.done(command.payload().lines().count() + " definitions");
    };

    @AfterEach
    void releaseTheSlowCheck() {
        slowRelease.countDown(); // before ManagerPerTest closes the manager
    }

    private AgentChannel connected(String name, RecordingAgentListener listener) throws Exception {
        AgentChannel agent = manager.connect(manager.enrol(name, directory.resolve(name)), services, listener);
        await().atMost(TIMEOUT).until(() -> manager.channel.session(name).isPresent());
        return agent;
    }

    private CommandResult send(String agent, Command command) throws Exception {
        return manager.channel.send(agent, command, TIMEOUT).get(TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
    }

    @Test
    void commandsAreAcknowledgedWithTheAgentsResult() throws Exception {
        try (AgentChannel agent = connected("web1", new RecordingAgentListener())) {
            assertEquals(CommandResult.done("restarted nginx"), send("web1", Command.of(CommandVerb.RESTART, "nginx")));
            assertEquals(CommandResult.done("2 definitions"), send("web1", Command.updateDefinitions("a.type=tcp\nb.type=http")));
            assertEquals(CommandResult.failed("IllegalStateException: no service nginx"),
                    send("web1", Command.of(CommandVerb.CHECK_NOW, "nginx")));
        }
    }

    @Test
    void aCommandWithoutAnswerTimesOutAndItsLateAnswerIsIgnored() throws Exception {
        try (AgentChannel agent = connected("web1", new RecordingAgentListener())) {
            ExecutionException timedOut = assertThrows(ExecutionException.class, () -> manager.channel
                    .send("web1", Command.of(CommandVerb.CHECK_NOW, "slow"), Duration.ofMillis(300)).get(30, TimeUnit.SECONDS));
            assertInstanceOf(TimeoutException.class, timedOut.getCause());
            slowRelease.countDown();
            assertEquals(CommandResult.done("started db"), send("web1", Command.of(CommandVerb.START, "db")));
        }
    }

    @Test
    void aCommandForAnAgentWithoutSessionFailsAtOnce() {
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> manager.channel.send("nobody", Command.of(CommandVerb.STOP, "x"), TIMEOUT).get(5, TimeUnit.SECONDS));
        assertInstanceOf(AgentNotConnectedException.class, e.getCause());
        assertEquals("agent nobody is not connected", e.getCause().getMessage());
    }

    @Test
    void monitorResultsAndStateChangesStreamToTheManagerTheirTextEscaped() throws Exception {
        try (AgentChannel agent = connected("web1", new RecordingAgentListener())) {
            Instant at = Instant.parse("2026-11-25T17:30:00Z");
            MonitorResult result = new MonitorResult("nginx", ServiceHealth.FAILED, "HTTP 503\nbody: down", at);
            StateChange change = new StateChange("nginx", ServiceHealth.OK, ServiceHealth.FAILED, "check \u001b[31mfailed", at);
            assertTrue(agent.report(result));
            assertTrue(agent.report(change));
            await().atMost(TIMEOUT).until(() -> manager.events.changes.size() == 1);
            assertEquals(List.of(new MonitorResult("nginx", ServiceHealth.FAILED, "HTTP 503\\nbody: down", at)),
                    manager.events.results);
            assertEquals(List.of(new StateChange("nginx", ServiceHealth.OK, ServiceHealth.FAILED, "check \\u001b[31mfailed", at)),
                    manager.events.changes);
        }
    }

    @Test
    void theAgentReconnectsAfterTheManagerRestarts() throws Exception {
        RecordingAgentListener listener = new RecordingAgentListener();
        try (AgentChannel agent = connected("web1", listener)) {
            manager.restart();
            await().atMost(TIMEOUT).until(() -> manager.events.connectionsOf("web1") == 2);
            assertEquals(CommandResult.done("stoped nginx"), send("web1", Command.of(CommandVerb.STOP, "nginx")));
            assertEquals(2, listener.connections.get());
            assertTrue(listener.disconnected.get(0).equals("closed by the manager")
                    || listener.disconnected.get(0).startsWith("connection lost"), listener.disconnected.get(0));
        }
    }

    @Test
    void aMalformedFrameClosesThatSessionOnly() throws Exception {
        RecordingAgentListener goodListener = new RecordingAgentListener();
        AgentIdentity bad = manager.enrol("bad", directory.resolve("bad"));
        try (AgentChannel good = connected("good", goodListener); RawAgent raw = new RawAgent(bad, manager.port())) {
            assertEquals(MessageType.WELCOME, raw.hello().type());
            byte[] garbage = "GET / HTTP/1.1".getBytes(StandardCharsets.US_ASCII);
            raw.sendBytes(ByteBuffer.allocate(4 + garbage.length).putInt(garbage.length).put(garbage).array());
            Message refusal = raw.read();
            assertEquals(MessageType.REFUSED, refusal.type());
            String reason = "malformed frame: not a basket-channel frame (header must start with 'basket-channel/')";
            assertEquals(reason, refusal.require("reason"));
            await().atMost(TIMEOUT).until(() -> manager.events.disconnected.contains("bad: " + reason));
            assertTrue(manager.channel.session("bad").isEmpty());
            assertEquals(CommandResult.done("restarted nginx"), send("good", Command.of(CommandVerb.RESTART, "nginx")));
            assertTrue(goodListener.disconnected.isEmpty());
            assertEquals(1, goodListener.connections.get());
        }
    }

    @Test
    void aSecondConnectionOfAnAgentReplacesItsFirstSession() throws Exception {
        AgentIdentity identity = manager.enrol("web1", directory.resolve("web1"));
        try (RawAgent first = new RawAgent(identity, manager.port()); RawAgent second = new RawAgent(identity, manager.port())) {
            assertEquals(MessageType.WELCOME, first.hello().type());
            await().atMost(TIMEOUT).until(() -> manager.channel.session("web1").isPresent());
            assertEquals(MessageType.WELCOME, second.hello().type());
            await().atMost(TIMEOUT).until(() -> manager.events.disconnected.stream()
                    .anyMatch(d -> d.startsWith("web1: replaced by a new connection from 127.0.0.1:")));
            assertEquals(1, manager.channel.sessions().size());
            assertThrows(IOException.class, first::read, "the first connection is closed");
        }
    }
}
