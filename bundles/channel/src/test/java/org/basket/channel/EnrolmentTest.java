package org.basket.channel;

import static org.awaitility.Awaitility.await;
import static org.basket.channel.ManagerFixture.TIMEOUT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.List;
import java.net.InetAddress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import org.basket.channel.agent.AgentChannel;
import org.basket.channel.agent.AgentEnrolment;
import org.basket.channel.agent.AgentIdentity;
import org.basket.channel.agent.Enrolment;
import org.basket.channel.agent.EnrolmentException;
import org.basket.channel.manager.EnrolmentToken;
import org.basket.channel.manager.EnrolmentTokens;
import org.basket.channel.pki.AgentNames;
import org.basket.channel.pki.CertificateAuthority;
import org.basket.channel.pki.SecureFiles;
import org.basket.channel.pki.TlsContexts;
import org.basket.channel.protocol.CommandResult;
import org.junit.jupiter.api.Test;

class EnrolmentTest extends ManagerPerTest {
    @Test
    void anAgentEnrolsWithItsTokenThenOpensAMutuallyAuthenticatedSessionAndHeartbeats() throws Exception {
        Path agentDirectory = directory.resolve("agent");
        EnrolmentToken token = manager.tokens.issue("web1", Duration.ofMinutes(10));
        AgentIdentity identity = AgentEnrolment.enrol(manager.enrolment("web1", token.value()), agentDirectory);

        assertEquals("web1", identity.name());
        assertEquals(manager.authority.certificate(), identity.caCertificate());
        assertEquals(SecureFiles.OWNER_ONLY, Files.getPosixFilePermissions(agentDirectory.resolve("agent.key")));
        assertEquals(identity.certificate(), AgentIdentity.load(agentDirectory).certificate());
        assertEquals(List.of("web1"), manager.events.enrolled);

        RecordingAgentListener listener = new RecordingAgentListener();
        try (AgentChannel agent = manager.connect(AgentIdentity.load(agentDirectory), command -> CommandResult.done("ok"), listener)) {
            await().atMost(TIMEOUT).until(() -> manager.events.heartbeats.size() >= 3);
            assertEquals("web1", manager.events.connected.get(0).agentName());
            assertEquals(identity.certificate().getSerialNumber(), manager.events.connected.get(0).certificateSerial());
            assertEquals(1, manager.events.heartbeats.get(0).sequence());
            assertEquals(2, manager.events.heartbeats.get(1).sequence());
            assertEquals(manager.clock.instant(), manager.events.heartbeats.get(0).agentTime());
            assertTrue(manager.events.heartbeatsOf.stream().allMatch("web1"::equals));
            assertEquals(1, listener.connections.get());
            assertTrue(agent.isConnected());
        }
    }

    @Test
    void aReplayedTokenIsRefusedOnBothSides() throws Exception {
        EnrolmentToken token = manager.tokens.issue("web1", Duration.ofMinutes(10));
        AgentEnrolment.enrol(manager.enrolment("web1", token.value()), directory.resolve("first"));
        EnrolmentException replay = assertThrows(EnrolmentException.class,
                () -> AgentEnrolment.enrol(manager.enrolment("web1", token.value()), directory.resolve("second")));
        String reason = "enrolment of 'web1' refused: enrolment token " + token.id() + " was already used at";
        assertTrue(replay.getMessage().startsWith("the manager refused the enrolment: " + reason), replay.getMessage());
        await().atMost(TIMEOUT).until(() -> manager.events.refused.stream().anyMatch(r -> r.startsWith(reason)));
        assertFalse(AgentIdentity.exists(directory.resolve("second")));
        assertEquals(1, manager.authority.issued().size());
    }

    @Test
    void anExpiredTokenIsRefused() throws Exception {
        EnrolmentToken token = manager.tokens.issue("web1", Duration.ofMinutes(10));
        manager.clock.advance(Duration.ofMinutes(11));
        EnrolmentException expired = assertThrows(EnrolmentException.class,
                () -> AgentEnrolment.enrol(manager.enrolment("web1", token.value()), directory.resolve("agent")));
        assertTrue(expired.getMessage().contains("enrolment token " + token.id() + " expired at " + token.expiresAt()),
                expired.getMessage());
    }

    @Test
    void aWrongTokenOrOneForAnotherAgentIsRefused() throws Exception {
        EnrolmentToken token = manager.tokens.issue("web1", Duration.ofMinutes(10));
        String wrongSecret = token.id() + "." + "x".repeat(43);
        assertTrue(assertThrows(EnrolmentException.class,
                () -> AgentEnrolment.enrol(manager.enrolment("web1", wrongSecret), directory.resolve("a")))
                .getMessage().endsWith(EnrolmentTokens.INVALID));
        assertTrue(assertThrows(EnrolmentException.class,
                () -> AgentEnrolment.enrol(manager.enrolment("db1", token.value()), directory.resolve("b")))
                .getMessage().endsWith("enrolment token " + token.id() + " is for agent web1, not db1"));
        assertTrue(assertThrows(EnrolmentException.class,
                () -> AgentEnrolment.enrol(manager.enrolment("web1", "guess"), directory.resolve("c")))
                .getMessage().contains("malformed enrolment token"));
        assertTrue(manager.authority.issued().isEmpty());
        AgentEnrolment.enrol(manager.enrolment("web1", token.value()), directory.resolve("d"));
    }

    @Test
    void anAgentPinnedToAnotherCaDoesNotTalkToThisManager() throws Exception {
        CertificateAuthority other = CertificateAuthority.openOrCreate(directory.resolve("other-ca"), manager.clock);
        EnrolmentToken token = manager.tokens.issue("web1", Duration.ofMinutes(10));
        Enrolment pinnedElsewhere = new Enrolment("127.0.0.1", manager.port(), "web1", token.value(),
                other.certificatePem(), TIMEOUT);
        EnrolmentException e = assertThrows(EnrolmentException.class,
                () -> AgentEnrolment.enrol(pinnedElsewhere, directory.resolve("agent")));
        assertTrue(e.getMessage().startsWith("TLS handshake with the manager at 127.0.0.1:" + manager.port() + " failed"),
                e.getMessage());
        assertTrue(manager.tokens.list().stream().noneMatch(t -> t.isUsed()), "the token was never sent");
    }

    @Test
    void anAgentCertificateCannotPassForTheManager() throws Exception {
        AgentIdentity rogue = manager.enrol("rogue", directory.resolve("rogue"));
        try (SSLServerSocket server = (SSLServerSocket) TlsContexts.create(rogue.key(), rogue.caCertificate())
                .getServerSocketFactory().createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> serving = CompletableFuture.runAsync(() -> {
                try (SSLSocket socket = (SSLSocket) server.accept()) {
                    socket.startHandshake();
                    socket.getInputStream().read();
                } catch (IOException expected) {
                    // the agent breaks off
                }
            });
            EnrolmentToken token = manager.tokens.issue("web1", Duration.ofMinutes(10));
            Enrolment toRogue = new Enrolment("127.0.0.1", server.getLocalPort(), "web1", token.value(),
                    manager.authority.certificatePem(), TIMEOUT);
            EnrolmentException e = assertThrows(EnrolmentException.class,
                    () -> AgentEnrolment.enrol(toRogue, directory.resolve("agent")));
            assertTrue(e.getMessage().contains("failed"), e.getMessage());
            serving.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertEquals("rogue", AgentNames.of(rogue.certificate()));
        }
    }
}
