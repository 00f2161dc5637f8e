package org.basket.channel;

import static org.awaitility.Awaitility.await;
import static org.basket.channel.ManagerFixture.TIMEOUT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;

import org.basket.channel.agent.AgentChannel;
import org.basket.channel.agent.AgentIdentity;
import org.basket.channel.pki.CertificateRequests;
import org.basket.channel.pki.KeyPairs;
import org.basket.channel.protocol.CommandResult;
import org.basket.channel.protocol.Message;
import org.basket.channel.protocol.MessageType;
import org.junit.jupiter.api.Test;

/** An agent renews its certificate over its session in the last third of its life, and goes on with the new one. */
class RenewalTest extends ManagerPerTest {
    @Test
    void anAgentRenewsInTheLastThirdOfItsCertificateAndReconnectsWithTheNewOne() throws Exception {
        manager.close();
        manager = new ManagerFixture(directory.resolve("short-lived"), ManagerFixture.config(0), Duration.ofMinutes(6));
        Path agentDirectory = directory.resolve("agent");
        AgentIdentity first = manager.enrol("web1", agentDirectory);
        RecordingAgentListener listener = new RecordingAgentListener();
        try (AgentChannel agent = new AgentChannel(manager.agentConfig(), first, command -> CommandResult.done("ok"), listener,
                manager.clock).renewingInto(agentDirectory)) {
            agent.start();
            await().atMost(TIMEOUT).until(() -> manager.events.connected.size() == 1);
            assertEquals(1, manager.authority.issued().size(), "not due yet: nothing asked");

            // certificates start 5 minutes early: 11 minutes of life, renewed from 3 min 40 s before their end
            manager.clock.advance(Duration.ofMinutes(3));

            await().atMost(TIMEOUT).until(() -> manager.events.connected.size() == 2);
            BigInteger renewed = manager.events.connected.get(1).certificateSerial();
            assertNotEquals(first.certificate().getSerialNumber(), renewed);
            assertEquals(renewed, AgentIdentity.load(agentDirectory).certificate().getSerialNumber());
            assertEquals(2, manager.authority.issued().size());
            assertTrue(manager.authority.holdsValidCertificate("web1"));
        }
    }

    @Test
    void theManagerRenewsOnlyADueCertificateAndOnlyOncePerSession() throws Exception {
        AgentIdentity identity = manager.enrol("web1", directory.resolve("agent"));
        try (RawAgent agent = new RawAgent(identity, manager.port())) {
            assertEquals(MessageType.WELCOME, agent.hello().type());
            agent.send(Message.of(MessageType.RENEW).with("csr", CertificateRequests.create(KeyPairs.generate(), "web1")).build());

            Message answer = agent.read();

            assertEquals(MessageType.RENEWED, answer.type());
            assertTrue(answer.require("error").startsWith("the certificate is renewed from "), answer.toString());
            assertEquals(1, manager.authority.issued().size());

            agent.send(Message.of(MessageType.RENEW).with("csr", CertificateRequests.create(KeyPairs.generate(), "web1")).build());
            assertEquals("malformed frame: a second RENEW in one session", agent.read().require("reason"));
        }
    }
}
