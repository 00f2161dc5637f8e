package org.basket.agents;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLSocket;

import org.basket.channel.agent.AgentEnrolment;
import org.basket.channel.agent.AgentIdentity;
import org.basket.channel.agent.Enrolment;
import org.basket.channel.pki.TlsContexts;
import org.basket.channel.protocol.FrameCodec;
import org.basket.channel.protocol.Message;
import org.basket.channel.protocol.MessageType;

/**
 * An enrolled agent that opens its session, says HELLO and keeps heartbeating, but never reads what
 * the manager sends: once the socket's buffers are full, every write to it blocks.
 */
final class NonReadingAgent implements AutoCloseable {
    private final SSLSocket socket;
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor();
    private final FrameCodec codec = new FrameCodec();
    private long sequence;

    NonReadingAgent(String host, int port, String vm, String token, String caPem, Path directory) throws Exception {
        AgentIdentity identity = AgentEnrolment.enrol(new Enrolment(host, port, vm, token, caPem, Duration.ofSeconds(20)),
                directory);
        socket = (SSLSocket) TlsContexts.create(identity.key(), identity.caCertificate()).getSocketFactory().createSocket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress(host, port));
        TlsContexts.restrictToTls13(socket);
        socket.startHandshake();
        write(Message.of(MessageType.HELLO).with("software", "non-reading").build());
        heartbeats.scheduleAtFixedRate(this::heartbeat, 100, 100, TimeUnit.MILLISECONDS);
    }

    private void heartbeat() {
        try {
            write(Message.of(MessageType.HEARTBEAT).with("seq", Long.toString(++sequence))
                    .with("agent-time", Instant.now().toString()).build());
        } catch (Exception e) {
            heartbeats.shutdown();
        }
    }

    private synchronized void write(Message message) throws Exception {
        OutputStream out = socket.getOutputStream();
        codec.write(out, message);
    }

    @Override
    public void close() {
        heartbeats.shutdownNow();
        TlsContexts.closeNow(socket);
    }
}
