package org.basket.channel;

import static org.awaitility.Awaitility.await;
import static org.basket.channel.ManagerFixture.TIMEOUT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;

import org.basket.channel.agent.AgentChannel;
import org.basket.channel.agent.AgentIdentity;
import org.basket.channel.pki.CertificateAuthority;
import org.basket.channel.pki.CertificateRequests;
import org.basket.channel.pki.KeyPairs;
import org.basket.channel.pki.Pem;
import org.basket.channel.protocol.CommandResult;
import org.junit.jupiter.api.Test;

class RefusalTest extends ManagerPerTest {
    @Test
    void aCertificateSignedByAnotherCaIsRefusedAtTheHandshake() throws Exception {
        CertificateAuthority other = CertificateAuthority.openOrCreate(directory.resolve("other-ca"), manager.clock);
        KeyPair pair = KeyPairs.generate();
        X509Certificate foreign = other.issueAgentCertificate("web1", CertificateRequests.create(pair, "web1"));
        Path agentDirectory = directory.resolve("agent");
        Files.createDirectories(agentDirectory);
        Files.writeString(agentDirectory.resolve("agent.key"), Pem.encode(Pem.PRIVATE_KEY, pair.getPrivate().getEncoded()));
        Files.writeString(agentDirectory.resolve("agent.crt"), Pem.certificate(foreign));
        Files.writeString(agentDirectory.resolve("ca.crt"), manager.authority.certificatePem());

        RecordingAgentListener listener = new RecordingAgentListener();
        try (AgentChannel agent = manager.connect(AgentIdentity.load(agentDirectory), command -> CommandResult.done(""), listener)) {
            await().atMost(TIMEOUT).until(() -> !listener.failures.isEmpty() && !manager.events.refused.isEmpty());
            assertTrue(listener.failures.get(0).contains("TLS handshake failed (the manager must present a certificate of "
                    + "the pinned CA and accept this agent's)"), listener.failures.get(0));
            assertTrue(manager.events.refused.get(0).startsWith("TLS handshake failed: "), manager.events.refused.get(0));
            assertEquals(0, listener.connections.get());
            assertTrue(manager.events.connected.isEmpty());
        }
    }

    @Test
    void aRevokedAgentLosesItsSessionAndIsRefusedWhenItComesBack() throws Exception {
        AgentIdentity identity = manager.enrol("web1", directory.resolve("agent"));
        RecordingAgentListener listener = new RecordingAgentListener();
        try (AgentChannel agent = manager.connect(identity, command -> CommandResult.done(""), listener)) {
            await().atMost(TIMEOUT).until(() -> manager.channel.session("web1").isPresent());
            assertEquals(1, manager.channel.revoke("web1").size());
            await().atMost(TIMEOUT).until(() -> manager.events.disconnected.contains("web1: certificate revoked"));
            await().atMost(TIMEOUT).until(() -> !listener.refusals.isEmpty());
            String reason = "session refused: certificate " + identity.certificate().getSerialNumber().toString(16)
                    + " of agent web1 was revoked at ";
            assertTrue(listener.refusals.get(0).startsWith(reason), listener.refusals.get(0));
            await().atMost(TIMEOUT).until(() -> manager.events.refused.stream().anyMatch(r -> r.startsWith(reason)));
            assertEquals(1, manager.events.connectionsOf("web1"));
            assertTrue(manager.channel.session("web1").isEmpty());
        }
    }

    @Test
    void anUnreachableManagerIsReportedAndRetriedWithBackOff() throws Exception {
        AgentIdentity identity = manager.enrol("web1", directory.resolve("agent"));
        int port = manager.port();
        manager.close();
        RecordingAgentListener listener = new RecordingAgentListener();
        try (AgentChannel agent = manager.connect(identity, command -> CommandResult.done(""), listener)) {
            await().atMost(TIMEOUT).until(() -> listener.failures.size() >= 3);
            assertTrue(listener.failures.get(0).startsWith("cannot open a session with the manager at 127.0.0.1:" + port + ": "),
                    listener.failures.get(0));
            assertEquals(0, listener.connections.get());
        }
    }
}
