package org.basket.channel;

import static org.awaitility.Awaitility.await;
import static org.basket.channel.ManagerFixture.TIMEOUT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import javax.net.ssl.SSLSocket;

import org.basket.channel.manager.EnrolmentToken;
import org.basket.channel.pki.TlsContexts;
import org.basket.channel.protocol.FrameCodec;
import org.basket.channel.protocol.Message;
import org.basket.channel.protocol.MessageType;
import org.junit.jupiter.api.Test;

/** What agents and strangers write reaches the manager's logs, listeners and shell escaped. */
class UntrustedTextTest extends ManagerPerTest {
    @Test
    void theSoftwareAnAgentNamesIsEscaped() throws Exception {
        try (RawAgent agent = new RawAgent(manager.enrol("web1", directory.resolve("agent")), manager.port())) {
            assertEquals(MessageType.WELCOME, agent.hello("1.0\n2026-12-04 INFO Agent root connected\u001b[2J").type());
            await().atMost(TIMEOUT).until(() -> manager.events.connected.size() == 1);
            assertEquals("1.0\\n2026-12-04 INFO Agent root connected\\u001b[2J", manager.events.connected.get(0).agentSoftware());
        }
    }

    @Test
    void theNameAStrangerEnrolsUnderIsEscapedInTheRefusal() throws Exception {
        EnrolmentToken token = manager.tokens.issue("web1", Duration.ofMinutes(10));
        try (SSLSocket socket = (SSLSocket) TlsContexts.create(null, manager.authority.certificate()).getSocketFactory()
                .createSocket("127.0.0.1", manager.port())) {
            TlsContexts.restrictToTls13(socket);
            FrameCodec codec = new FrameCodec();
            codec.write(socket.getOutputStream(), Message.of(MessageType.ENROL).with("agent", "web1\nINFO Enrolled agent root")
                    .with("token", token.value()).with("csr", "-").build());

            Message answer = codec.read(socket.getInputStream());

            String escaped = "enrolment of 'web1\\nINFO Enrolled agent root' refused: ";
            assertTrue(answer.require("reason").startsWith(escaped), answer.require("reason"));
            await().atMost(TIMEOUT).until(() -> manager.events.refused.stream().anyMatch(r -> r.startsWith(escaped)));
        }
    }
}
