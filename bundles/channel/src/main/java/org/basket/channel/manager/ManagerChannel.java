package org.basket.channel.manager;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocket;

import org.basket.channel.pki.AgentNames;
import org.basket.channel.pki.CertificateAuthority;
import org.basket.channel.pki.CertificateRequests;
import org.basket.channel.pki.Pem;
import org.basket.channel.pki.RevokedCertificate;
import org.basket.channel.pki.TlsContexts;
import org.basket.channel.protocol.Command;
import org.basket.channel.protocol.CommandResult;
import org.basket.channel.protocol.FrameCodec;
import org.basket.channel.protocol.Heartbeat;
import org.basket.channel.protocol.MalformedFrameException;
import org.basket.channel.protocol.Message;
import org.basket.channel.protocol.MessageType;
import org.basket.channel.protocol.MonitorResult;
import org.basket.channel.protocol.StateChange;
import org.basket.channel.protocol.Untrusted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The manager's end of the channel: a TLS 1.3 listener where agents enrol (server authentication
 * only, one {@code ENROL} frame) or open their session (mutual authentication, certificate not
 * revoked). It keeps one session per agent (a new one replaces the old) and sends commands whose
 * futures the agent's {@code ACK} completes.
 *
 * <p>Before authentication a connection is bounded: at most {@link ChannelLimits#maxPreAuthConnections()}
 * at once (and {@link ChannelLimits#maxPreAuthPerAddress()} per source address; the rest are closed at
 * once), each given {@code handshakeTimeout} in all for TLS and its first frame, which may be at most
 * {@link ChannelLimits#maxPreAuthFrameBytes()}. Its thread is one of those few; an authenticated session
 * keeps its thread (one per agent). Failed enrolments make their address, then everyone, wait
 * ({@link EnrolmentLimiter}). Refusals are logged at most once a minute per address; text from agents is
 * {@link Untrusted#text escaped} where it comes in.
 */
public final class ManagerChannel implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ManagerChannel.class);

    private final ManagerChannelConfig config;
    private final CertificateAuthority authority;
    private final EnrolmentTokens tokens;
    private final ChannelListener listener;
    private final Clock clock;
    private final FrameCodec codec;
    private final SSLContext context;
    private final ServerSocket serverSocket;
    private final Thread acceptor;
    private final ScheduledThreadPoolExecutor deadlines;
    private final PreAuthAdmission admission;
    private final EnrolmentLimiter enrolments;
    private final CoalescedLog refusals;
    private final Map<String, AgentSession> sessions = new ConcurrentHashMap<>();
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private volatile boolean closing;

    private ManagerChannel(ManagerChannelConfig config, CertificateAuthority authority, EnrolmentTokens tokens,
            ChannelListener listener, Clock clock, SSLContext context, ServerSocket serverSocket) {
        this.config = config;
        this.authority = authority;
        this.tokens = tokens;
        this.listener = listener;
        this.clock = clock;
        this.codec = new FrameCodec(config.maxFrameBytes());
        this.context = context;
        this.serverSocket = serverSocket;
        this.acceptor = new Thread(this::acceptLoop, "basket-channel-accept-" + serverSocket.getLocalPort());
        this.acceptor.setDaemon(true);
        this.deadlines = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "basket-channel-deadlines-" + serverSocket.getLocalPort());
            thread.setDaemon(true);
            return thread;
        });
        this.deadlines.setRemoveOnCancelPolicy(true);
        this.admission = new PreAuthAdmission(config.limits());
        this.enrolments = new EnrolmentLimiter(config.limits(), clock);
        this.refusals = new CoalescedLog(LOG, clock);
    }

    public static ManagerChannel start(ManagerChannelConfig config, CertificateAuthority authority, EnrolmentTokens tokens,
            ChannelListener listener, Clock clock) throws IOException, GeneralSecurityException {
        SSLContext context = TlsContexts.create(authority.serverIdentity(config.managerName(), config.hostNames()),
                authority.certificate());
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getByName(config.bindAddress()), config.port()), 128);
        ManagerChannel channel = new ManagerChannel(config, authority, tokens, listener, clock, context, socket);
        channel.acceptor.start();
        LOG.info("Agent channel listening on {}:{} (TLS 1.3, agent CA {})", config.bindAddress(), socket.getLocalPort(),
                authority.certificate().getSubjectX500Principal().getName());
        return channel;
    }

    public int port() {
        return serverSocket.getLocalPort();
    }

    /** Connections that have not yet finished TLS and their first frame. */
    public int preAuthConnections() {
        return admission.count();
    }

    public List<SessionInfo> sessions() {
        return sessions.values().stream().map(AgentSession::info).toList();
    }

    public Optional<SessionInfo> session(String agentName) {
        return Optional.ofNullable(sessions.get(agentName)).map(AgentSession::info);
    }

    /**
     * Sends a command; the future completes with the agent's result, or fails with
     * {@link AgentNotConnectedException} or, after {@code timeout}, a {@link java.util.concurrent.TimeoutException}.
     */
    public CompletableFuture<CommandResult> send(String agentName, Command command, Duration timeout) {
        AgentSession session = sessions.get(agentName);
        if (session == null) {
            return CompletableFuture.failedFuture(new AgentNotConnectedException("agent " + agentName + " is not connected"));
        }
        LOG.debug("Sending {} to agent {}", command, agentName);
        return session.send(command).orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Revokes the agent's certificates and ends its session at once. */
    public List<RevokedCertificate> revoke(String agentName) throws IOException {
        List<RevokedCertificate> revoked = authority.revoke(agentName);
        AgentSession session = sessions.get(agentName);
        if (session != null) {
            end(session, "certificate revoked");
        }
        return revoked;
    }

    @Override
    public void close() {
        closing = true;
        try {
            serverSocket.close();
        } catch (IOException e) {
            LOG.debug("Closing the listening socket: {}", e.getMessage());
        }
        sessions.values().forEach(session -> end(session, "manager stopping"));
        connections.forEach(PreAuthConnection::closeNow);
        deadlines.shutdownNow();
        try {
            acceptor.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("Agent channel on port {} closed", serverSocket.getLocalPort());
    }

    private void acceptLoop() {
        while (!closing) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                if (!closing) {
                    LOG.error("Agent channel stopped accepting connections: {}", e.getMessage(), e);
                }
                return;
            }
            InetAddress address = socket.getInetAddress();
            String crowded = admission.admit(address);
            if (crowded != null) {
                PreAuthConnection.closeNow(socket);
                refuse(remote(socket), "closed before TLS: " + crowded);
                continue;
            }
            PreAuthConnection preAuth = new PreAuthConnection(socket, address, admission, deadlines, config.handshakeTimeout());
            connections.add(socket);
            Thread thread = new Thread(() -> serve(socket, preAuth), "basket-channel-" + remote(socket));
            thread.setDaemon(true);
            thread.start();
        }
    }

    private void serve(Socket plain, PreAuthConnection preAuth) {
        String remote = remote(plain);
        SSLSocket socket = null;
        try {
            plain.setSoTimeout((int) config.handshakeTimeout().toMillis());
            plain.setTcpNoDelay(true);
            socket = (SSLSocket) context.getSocketFactory().createSocket(plain, null, plain.getPort(), true);
            socket.setUseClientMode(false);
            TlsContexts.restrictToTls13(socket);
            socket.setWantClientAuth(true);
            try {
                socket.startHandshake();
            } catch (IOException e) {
                refuse(remote, preAuth.expired() ? deadlineMissed() : "TLS handshake failed: " + e.getMessage());
                return;
            }
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = new BufferedOutputStream(socket.getOutputStream());
            X509Certificate peer = clientCertificate(socket);
            if (peer == null) {
                enrol(remote, preAuth, in, out);
            } else {
                runSession(socket, remote, peer, preAuth, in, out);
            }
        } catch (IOException e) {
            if (preAuth.expired()) {
                refuse(remote, deadlineMissed());
            } else if (!closing) {
                LOG.debug("Connection from {} ended: {}", remote, e.getMessage());
            }
        } finally {
            preAuth.over();
            if (socket != null) {
                TlsContexts.closeNow(socket);
            } else {
                closeQuietly(plain);
            }
            connections.remove(plain);
        }
    }

    private String deadlineMissed() {
        return "no TLS handshake and first frame within " + config.handshakeTimeout().toMillis() + " ms";
    }

    private void enrol(String remote, PreAuthConnection preAuth, InputStream in, OutputStream out) throws IOException {
        Message request;
        try {
            request = codec.read(in, config.limits().maxPreAuthFrameBytes());
        } catch (MalformedFrameException e) {
            refuse(remote, out, "malformed frame: " + e.getMessage());
            return;
        }
        if (request.type() != MessageType.ENROL) {
            refuse(remote, out, "no client certificate: this connection may only enrol, not send " + request.type());
            return;
        }
        Optional<Duration> wait = enrolments.wait(preAuth.address());
        if (wait.isPresent()) {
            refuse(remote, out, "too many failed enrolments: retry in " + Math.max(1, wait.get().toSeconds()) + " s");
            return;
        }
        String agentName = request.optional("agent", "");
        try {
            AgentNames.requireValid(agentName);
            CertificateRequests.verifiedPublicKey(request.require("csr"));
            tokens.consume(request.require("token"), agentName);
            X509Certificate certificate = authority.issueAgentCertificate(agentName, request.require("csr"));
            codec.write(out, Message.of(MessageType.ENROLLED).with("certificate", Pem.certificate(certificate))
                    .with("ca", authority.certificatePem()).build());
            enrolments.succeeded(preAuth.address());
            LOG.info("Enrolled agent {} from {} (certificate {})", agentName, remote, certificate.getSerialNumber().toString(16));
            notify(() -> listener.enrolled(agentName));
        } catch (EnrolmentRefusedException | MalformedFrameException | IllegalArgumentException e) {
            enrolments.failed(preAuth.address());
            refuse(remote, out, "enrolment of '" + agentName + "' refused: " + e.getMessage());
        } catch (GeneralSecurityException e) {
            enrolments.failed(preAuth.address());
            refuse(remote, out, "enrolment of '" + agentName + "' refused: invalid certificate request: " + e.getMessage());
        }
    }

    private void runSession(SSLSocket socket, String remote, X509Certificate peer, PreAuthConnection preAuth, InputStream in,
            OutputStream out) throws IOException {
        String agentName = AgentNames.of(peer);
        Optional<String> refusal = authority.refusal(peer);
        if (refusal.isPresent()) {
            refuse(remote, out, "session refused: " + refusal.get());
            return;
        }
        Message hello;
        try {
            hello = codec.read(in, config.limits().maxPreAuthFrameBytes());
            if (hello.type() != MessageType.HELLO) {
                throw new MalformedFrameException("expected HELLO as the first frame, got " + hello.type());
            }
        } catch (MalformedFrameException e) {
            refuse(remote, out, "agent " + agentName + ": malformed frame: " + e.getMessage());
            return;
        }
        preAuth.over();
        SessionInfo info = new SessionInfo(agentName, remote, clock.instant(), peer.getSerialNumber(),
                Untrusted.text(hello.optional("software", "unknown")));
        AgentSession session = new AgentSession(info, socket, out, codec, this::end);
        session.send(Message.of(MessageType.WELCOME).with("manager", config.managerName()).build());
        socket.setSoTimeout((int) config.idleTimeout().toMillis());
        Thread.currentThread().setName("basket-channel-" + agentName);
        AgentSession previous = sessions.put(agentName, session);
        if (previous != null) {
            end(previous, "replaced by a new connection from " + remote);
        }
        LOG.info("Agent {} connected from {} (certificate {})", agentName, remote, peer.getSerialNumber().toString(16));
        notify(() -> listener.agentConnected(info));
        end(session, readUntilClosed(session, peer, in));
    }

    /** Reads frames until the session ends; returns why it ended. */
    private String readUntilClosed(AgentSession session, X509Certificate peer, InputStream in) {
        String agentName = session.agentName();
        boolean renewed = false;
        while (true) {
            try {
                Message message = codec.read(in);
                if (message.type() == MessageType.RENEW) {
                    if (renewed) {
                        throw new MalformedFrameException("a second RENEW in one session");
                    }
                    renewed = true;
                    renew(session, peer, message);
                } else {
                    dispatch(session, message);
                }
            } catch (MalformedFrameException e) {
                String reason = "malformed frame: " + Untrusted.text(e.getMessage());
                LOG.warn("Closing the session of agent {} ({}): {}", agentName, session.info().remoteAddress(), reason);
                trySend(session, refusal(reason));
                return reason;
            } catch (SocketTimeoutException e) {
                return "silent for " + config.idleTimeout().toMillis() + " ms";
            } catch (EOFException e) {
                return "closed by the agent";
            } catch (SocketException | SSLException e) {
                return "connection lost: " + e.getMessage();
            } catch (IOException e) {
                return "read failed: " + e.getMessage();
            }
        }
    }

    private void dispatch(AgentSession session, Message message) throws IOException {
        String agentName = session.agentName();
        switch (message.type()) {
            case HEARTBEAT -> {
                Heartbeat heartbeat = Heartbeat.from(message);
                session.send(Message.of(MessageType.HEARTBEAT_ACK).with("seq", heartbeat.sequence()).build());
                notify(() -> listener.heartbeat(agentName, heartbeat));
            }
            case MONITOR_RESULT -> {
                MonitorResult sent = MonitorResult.from(message);
                MonitorResult result = new MonitorResult(Untrusted.text(sent.service()), sent.health(),
                        Untrusted.text(sent.detail()), sent.checkedAt());
                notify(() -> listener.monitorResult(agentName, result));
            }
            case STATE_CHANGE -> {
                StateChange sent = StateChange.from(message);
                StateChange change = new StateChange(Untrusted.text(sent.service()), sent.from(), sent.to(),
                        Untrusted.text(sent.reason()), sent.changedAt());
                notify(() -> listener.stateChanged(agentName, change));
            }
            case ACK -> {
                long id = message.requireLong("id");
                CommandResult sent = CommandResult.fromAck(message);
                if (!session.acknowledge(id, new CommandResult(sent.ok(), Untrusted.text(sent.detail())))) {
                    LOG.info("Agent {} answered command {} after its timeout (or a command never sent)", agentName, id);
                }
            }
            default -> throw new MalformedFrameException(message.type() + " is not a message an agent may send in a session");
        }
    }

    /**
     * A new certificate for the session's agent (its name from the certificate it connected with, never
     * the request's), once that one is in the last third of its life; else the answer says when.
     */
    private void renew(AgentSession session, X509Certificate peer, Message message) throws IOException {
        Instant end = peer.getNotAfter().toInstant();
        Instant due = end.minus(Duration.between(peer.getNotBefore().toInstant(), end).dividedBy(3));
        Message.Builder answer = Message.of(MessageType.RENEWED);
        if (clock.instant().isBefore(due)) {
            answer.with("error", "the certificate is renewed from " + due + ", not before");
        } else {
            try {
                X509Certificate certificate = authority.issueAgentCertificate(session.agentName(), message.require("csr"));
                answer.with("certificate", Pem.certificate(certificate));
                LOG.info("Renewed the certificate of agent {}: serial {} (was {}), valid until {}", session.agentName(),
                        certificate.getSerialNumber().toString(16), peer.getSerialNumber().toString(16),
                        certificate.getNotAfter().toInstant());
            } catch (GeneralSecurityException e) {
                answer.with("error", "invalid certificate request: " + Untrusted.text(e.getMessage()));
            }
        }
        session.send(answer.build());
    }

    private void end(AgentSession session, String reason) {
        if (!session.close(reason)) {
            return;
        }
        sessions.remove(session.agentName(), session);
        LOG.info("Agent {} disconnected: {}", session.agentName(), reason);
        notify(() -> listener.agentDisconnected(session.agentName(), reason));
    }

    private void refuse(String remote, OutputStream out, String untrustedReason) {
        String reason = Untrusted.text(untrustedReason);
        try {
            codec.write(out, refusal(reason));
        } catch (IOException e) {
            LOG.debug("Could not tell {} why it is refused: {}", remote, e.getMessage());
        }
        refuse(remote, reason);
    }

    /** Logged at most once a minute per source address (counting the rest); the listener hears each. */
    private void refuse(String remote, String untrustedReason) {
        if (closing) {
            return;
        }
        String reason = Untrusted.text(untrustedReason);
        refusals.refused(remote, reason);
        notify(() -> listener.refused(remote, reason));
    }

    private static Message refusal(String reason) {
        return Message.of(MessageType.REFUSED).with("reason", reason).build();
    }

    private static void trySend(AgentSession session, Message message) {
        try {
            session.send(message);
        } catch (IOException e) {
            LOG.debug("Could not send {} to agent {}: {}", message.type(), session.agentName(), e.getMessage());
        }
    }

    private static X509Certificate clientCertificate(SSLSocket socket) {
        try {
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
    }

    private void notify(Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            LOG.error("Channel listener failed: {}", e.getMessage(), e);
        }
    }

    /** Closes as usual: what was written (an answer, a refusal) still reaches the peer. */
    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    private static String remote(Socket socket) {
        return socket.getInetAddress().getHostAddress() + ":" + socket.getPort();
    }
}
