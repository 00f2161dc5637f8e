package org.basket.channel;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;

import javax.net.ssl.SSLSocket;

import org.basket.channel.agent.AgentIdentity;
import org.basket.channel.pki.TlsContexts;
import org.basket.channel.protocol.FrameCodec;
import org.basket.channel.protocol.Message;
import org.basket.channel.protocol.MessageType;

/** A hand-driven agent connection, for what a well-behaved AgentChannel never does. */
final class RawAgent implements AutoCloseable {
    private final SSLSocket socket;
    private final InputStream in;
    private final OutputStream out;
    private final FrameCodec codec = new FrameCodec();

    RawAgent(AgentIdentity identity, int port) throws IOException, GeneralSecurityException {
        socket = (SSLSocket) TlsContexts.create(identity.key(), identity.caCertificate()).getSocketFactory().createSocket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        socket.setSoTimeout(20_000);
        TlsContexts.restrictToTls13(socket);
        socket.startHandshake();
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** Sends HELLO and returns the manager's answer. */
    Message hello() throws IOException {
        return hello("raw-test");
    }

    Message hello(String software) throws IOException {
        send(Message.of(MessageType.HELLO).with("software", software).build());
        return read();
    }

    void send(Message message) throws IOException {
        codec.write(out, message);
    }

    void sendBytes(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    Message read() throws IOException {
        return codec.read(in);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
