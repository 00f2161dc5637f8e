package org.basket.channel;

import static org.awaitility.Awaitility.await;
import static org.basket.channel.ManagerFixture.TIMEOUT;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLSocket;

import org.basket.channel.manager.ChannelLimits;
import org.basket.channel.manager.ManagerChannelConfig;
import org.basket.channel.pki.TlsContexts;
import org.basket.channel.protocol.FrameCodec;
import org.basket.channel.protocol.Message;
import org.basket.channel.protocol.MessageType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a peer that never authenticates may cost: a deadline in all, a few connections, a small first frame. */
class PreAuthenticationTest {
    private static final Duration DEADLINE = Duration.ofMillis(600);
    private static final ChannelLimits LIMITS = new ChannelLimits(4, 2, 16 * 1024, 5, Duration.ofSeconds(1),
            Duration.ofMinutes(5));

    @TempDir
    Path directory;

    private final List<Socket> sockets = new ArrayList<>();
    private final ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
    private ManagerFixture manager;

    @AfterEach
    void close() throws IOException {
        trickle.shutdownNow();
        for (Socket socket : sockets) {
            socket.close();
        }
        manager.close();
    }

    @Test
    void aClientHelloTrickledByteByByteIsClosedAtTheDeadline() throws Exception {
        start(DEADLINE);
        Socket socket = connect("127.0.0.1");
        OutputStream out = socket.getOutputStream();
        out.write(new byte[] {0x16, 0x03, 0x01, 0x02, 0x00});
        trickleZeros(out);

        assertClosedByTheManager(socket);
        await().atMost(TIMEOUT).until(() -> manager.channel.preAuthConnections() == 0);
        await().atMost(TIMEOUT).until(() -> manager.events.refused.contains("no TLS handshake and first frame within 600 ms"));
    }

    @Test
    void aFirstFrameTrickledAfterTheHandshakeIsClosedAtTheDeadline() throws Exception {
        start(DEADLINE);
        SSLSocket socket = enrolmentConnection();
        OutputStream out = socket.getOutputStream();
        new DataOutputStream(out).writeInt(200);
        trickleZeros(out);

        assertClosedByTheManager(socket);
        await().atMost(TIMEOUT).until(() -> manager.events.refused.contains("no TLS handshake and first frame within 600 ms"));
    }

    @Test
    void aLargeLengthPrefixIsRefusedBeforeAnythingIsAllocatedOrAwaited() throws Exception {
        start(ManagerChannelConfig.DEFAULT_HANDSHAKE_TIMEOUT);
        for (int length : new int[] {1_000_000, Integer.MAX_VALUE}) {
            SSLSocket socket = enrolmentConnection();
            new DataOutputStream(socket.getOutputStream()).writeInt(length);

            Message answer = new FrameCodec().read(socket.getInputStream());

            assertEquals(MessageType.REFUSED, answer.type());
            assertEquals("malformed frame: frame length " + length + " outside 1..16384", answer.require("reason"));
        }
    }

    @Test
    void connectionsBeyondTheCapsPerAddressAndOverallAreClosedAtOnce() throws Exception {
        start(ManagerChannelConfig.DEFAULT_HANDSHAKE_TIMEOUT);
        connect("127.0.0.1");
        connect("127.0.0.1");
        await().atMost(TIMEOUT).until(() -> manager.channel.preAuthConnections() == 2);
        assertRefusedAtOnce("127.0.0.1");

        connect("127.0.0.2");
        connect("127.0.0.3");
        await().atMost(TIMEOUT).until(() -> manager.channel.preAuthConnections() == 4);
        assertRefusedAtOnce("127.0.0.4");

        assertEquals(4, manager.channel.preAuthConnections());
        await().atMost(TIMEOUT).until(() -> manager.events.refused.contains(
                "closed before TLS: 2 connections from this address are already authenticating"));
        await().atMost(TIMEOUT).until(() -> manager.events.refused.contains(
                "closed before TLS: 4 connections are already authenticating"));

        for (Socket socket : sockets) {
            socket.close();
        }
        await().atMost(TIMEOUT).until(() -> manager.channel.preAuthConnections() == 0);
        connect("127.0.0.1");
        await().atMost(TIMEOUT).until(() -> manager.channel.preAuthConnections() == 1);
    }

    @Test
    void anAuthenticatedSessionNoLongerCountsNorHasTheDeadline() throws Exception {
        start(DEADLINE);
        try (RawAgent agent = new RawAgent(manager.enrol("web1", directory.resolve("agent")), manager.port())) {
            assertEquals(MessageType.WELCOME, agent.hello().type());
            await().atMost(TIMEOUT).until(() -> manager.channel.preAuthConnections() == 0);
            agent.send(Message.of(MessageType.HEARTBEAT).with("seq", 1).with("agent-time", manager.clock.instant()).build());
            assertEquals(MessageType.HEARTBEAT_ACK, agent.read().type());
            assertEquals(1, manager.channel.sessions().size());
        }
    }

    private void start(Duration deadline) throws Exception {
        manager = new ManagerFixture(directory.resolve("manager"),
                ManagerFixture.config(0).withHandshakeTimeout(deadline).withLimits(LIMITS));
    }

    private Socket connect(String from) throws IOException {
        Socket socket = new Socket();
        sockets.add(socket);
        socket.bind(new InetSocketAddress(from, 0));
        socket.connect(new InetSocketAddress("127.0.0.1", manager.port()), 10_000);
        socket.setSoTimeout((int) TIMEOUT.toMillis());
        return socket;
    }

    private SSLSocket enrolmentConnection() throws Exception {
        SSLSocket socket = (SSLSocket) TlsContexts.create(null, manager.authority.certificate()).getSocketFactory()
                .createSocket(connect("127.0.0.1"), "127.0.0.1", manager.port(), true);
        TlsContexts.restrictToTls13(socket);
        socket.startHandshake();
        return socket;
    }

    /** One zero byte every 100 ms, each well within the deadline of a single read. */
    private void trickleZeros(OutputStream out) {
        trickle.scheduleAtFixedRate(() -> {
            try {
                out.write(0);
                out.flush();
            } catch (IOException closed) {
                throw new IllegalStateException(closed);
            }
        }, 100, 100, TimeUnit.MILLISECONDS);
    }

    /** A connection from that address is reset by the manager, while it connects or once it reads. */
    private void assertRefusedAtOnce(String from) throws IOException {
        Socket socket;
        try {
            socket = connect(from);
        } catch (SocketException reset) {
            return;
        }
        assertClosedByTheManager(socket);
    }

    /** Reads until the manager closes or resets the connection; a read that times out means it stayed open. */
    private static void assertClosedByTheManager(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        try {
            while (in.read() >= 0) {
                // what the manager still sent
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the manager kept the connection open for " + TIMEOUT.toMillis() + " ms", e);
        } catch (IOException reset) {
            // closed with a reset: closed
        }
    }
}
