package org.basket.channel.agent;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

import org.basket.channel.pki.CertificateRequests;
import org.basket.channel.pki.KeyIdentity;
import org.basket.channel.pki.KeyPairs;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's session with the manager: connects out (mutual TLS 1.3, the manager checked against
 * the pinned CA), says HELLO, heartbeats, streams reports and answers commands; reconnects with a
 * growing, jittered back-off when the session ends. {@link #start()} once, {@link #close()} once.
 */
public final class AgentChannel implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AgentChannel.class);

    private final AgentChannelConfig config;
    private volatile AgentIdentity identity;
    private final CommandHandler commands;
    private final AgentChannelListener listener;
    private final Clock clock;
    private volatile SSLContext context;
    private volatile Path renewalDirectory;
    private final FrameCodec codec;
    private final Thread connector;
    private final ScheduledExecutorService heartbeats;
    private final ExecutorService commandRunner;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition stopped = lock.newCondition();
    private volatile boolean running;
    private volatile Connection connection;
    private volatile Connection attempt;

    public AgentChannel(AgentChannelConfig config, AgentIdentity identity, CommandHandler commands,
            AgentChannelListener listener, Clock clock) throws GeneralSecurityException {
        this.config = config;
        this.identity = identity;
        this.commands = commands;
        this.listener = listener;
        this.clock = clock;
        this.context = TlsContexts.create(identity.key(), identity.caCertificate());
        this.codec = new FrameCodec(config.maxFrameBytes());
        this.connector = new Thread(this::connectLoop, "basket-agent-channel-" + identity.name());
        this.connector.setDaemon(true);
        this.heartbeats = Executors.newSingleThreadScheduledExecutor(daemon("basket-agent-heartbeat"));
        this.commandRunner = Executors.newSingleThreadExecutor(daemon("basket-agent-commands"));
    }

    /**
     * Renews the certificate over the session once it is in the last third of its life: a new key made
     * here, the new identity saved in {@code directory} (where {@link AgentIdentity#load} finds it), then the
     * session is opened again with it. Call before {@link #start()}.
     */
    public AgentChannel renewingInto(Path directory) {
        this.renewalDirectory = directory;
        return this;
    }

    public void start() {
        running = true;
        connector.start();
    }

    public boolean isConnected() {
        return connection != null;
    }

    /** Sends the result if a session is open; false if not (the caller keeps its state and resends on connect). */
    public boolean report(MonitorResult result) {
        return sendIfConnected(result.toMessage());
    }

    public boolean report(StateChange change) {
        return sendIfConnected(change.toMessage());
    }

    @Override
    public void close() {
        lock.lock();
        try {
            running = false;
            stopped.signalAll();
        } finally {
            lock.unlock();
        }
        for (Connection current : new Connection[] {attempt, connection}) {
            if (current != null) {
                current.close();
            }
        }
        try {
            connector.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        heartbeats.shutdownNow();
        commandRunner.shutdownNow();
    }

    private void connectLoop() {
        Duration backoff = config.minBackoff();
        while (running) {
            Duration wait;
            try {
                serveOneSession();
                wait = config.minBackoff();
                backoff = config.minBackoff();
            } catch (ManagerRefusedException e) {
                LOG.error("The manager refused agent {}: {}", identity.name(), e.getMessage());
                notify(() -> listener.refused(e.getMessage()));
                wait = config.maxBackoff();
            } catch (IOException e) {
                if (!running) {
                    break;
                }
                String reason = "cannot open a session with the manager at " + config.managerHost() + ":"
                        + config.managerPort() + ": " + e.getMessage();
                LOG.warn("Agent {} {}", identity.name(), reason);
                notify(() -> listener.connectionFailed(reason));
                wait = jittered(backoff);
                backoff = doubled(backoff);
            }
            pause(wait);
        }
    }

    /** One connection from connect to close; returns normally only if a session was open and then ended. */
    private void serveOneSession() throws IOException {
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket();
        Connection current = new Connection(socket);
        attempt = current;
        if (!running) {
            current.close();
            return;
        }
        ScheduledFuture<?> beating = null;
        try {
            socket.connect(new InetSocketAddress(config.managerHost(), config.managerPort()),
                    (int) config.connectTimeout().toMillis());
            socket.setSoTimeout((int) config.connectTimeout().toMillis());
            socket.setTcpNoDelay(true);
            TlsContexts.restrictToTls13(socket);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            Message answer = handshake(socket, current, in);
            if (answer.type() == MessageType.REFUSED) {
                throw new ManagerRefusedException(answer.optional("reason", "no reason given"));
            }
            if (answer.type() != MessageType.WELCOME) {
                throw new MalformedFrameException("expected WELCOME, got " + answer.type());
            }
            socket.setSoTimeout((int) config.managerSilence().toMillis());
            if (!running) {
                return;
            }
            connection = current;
            LOG.info("Agent {} connected to the manager at {}:{}", identity.name(), config.managerHost(), config.managerPort());
            notify(listener::connected);
            long interval = config.heartbeatInterval().toMillis();
            beating = heartbeats.scheduleAtFixedRate(() -> {
                current.heartbeat();
                renewIfDue(current);
            }, 0, interval, TimeUnit.MILLISECONDS);
            String reason = readUntilClosed(current, in);
            LOG.info("Agent {} disconnected from the manager: {}", identity.name(), reason);
            notify(() -> listener.disconnected(reason));
        } finally {
            connection = null;
            attempt = null;
            if (beating != null) {
                beating.cancel(false);
            }
            current.close();
        }
    }

    /** TLS 1.3 tells a client that its certificate was refused only at its first read: the answer to HELLO. */
    private Message handshake(SSLSocket socket, Connection current, InputStream in) throws IOException {
        try {
            socket.startHandshake();
            TlsContexts.requireServerCertificate(socket);
            current.send(Message.of(MessageType.HELLO).with("software", config.software()).build());
            return codec.read(in);
        } catch (SSLException | SocketException e) {
            throw new SSLException("TLS handshake failed (the manager must present a certificate of the pinned CA "
                    + "and accept this agent's): " + alertIfAny(in, e).getMessage(), e);
        }
    }

    /** A write that fails because the manager closed after its alert hides the alert: read it. */
    private IOException alertIfAny(InputStream in, IOException failure) {
        if (failure instanceof SSLException) {
            return failure;
        }
        try {
            codec.read(in);
        } catch (SSLException alert) {
            return alert;
        } catch (IOException other) {
            return failure;
        }
        return failure;
    }

    private String readUntilClosed(Connection current, InputStream in) throws ManagerRefusedException {
        while (true) {
            Message message;
            try {
                message = codec.read(in);
            } catch (SocketTimeoutException e) {
                return "nothing from the manager for " + config.managerSilence().toMillis() + " ms";
            } catch (EOFException e) {
                return "closed by the manager";
            } catch (MalformedFrameException e) {
                LOG.warn("Agent {} closes its session: malformed frame from the manager: {}", identity.name(), e.getMessage());
                return "malformed frame from the manager: " + e.getMessage();
            } catch (IOException e) {
                return running ? "connection lost: " + e.getMessage() : "agent stopping";
            }
            switch (message.type()) {
                case HEARTBEAT_ACK -> LOG.trace("Heartbeat {} acknowledged", message.optional("seq", "?"));
                case COMMAND -> commandRunner.execute(() -> runCommand(current, message));
                case REFUSED -> throw new ManagerRefusedException(message.optional("reason", "no reason given"));
                case RENEWED -> {
                    if (renewed(current, message)) {
                        return "certificate renewed: the session opens again with it";
                    }
                }
                default -> {
                    LOG.warn("Agent {} closes its session: unexpected {} from the manager", identity.name(), message.type());
                    return "unexpected " + message.type() + " from the manager";
                }
            }
        }
    }

    private void renewIfDue(Connection current) {
        Path directory = renewalDirectory;
        X509Certificate certificate = identity.certificate();
        Instant end = certificate.getNotAfter().toInstant();
        Duration life = Duration.between(certificate.getNotBefore().toInstant(), end);
        if (directory == null || current.renewal != null || clock.instant().isBefore(end.minus(life.dividedBy(3)))) {
            return;
        }
        current.renewal = KeyPairs.generate();
        LOG.info("Agent {} asks the manager to renew its certificate (valid until {})", identity.name(), end);
        try {
            current.send(Message.of(MessageType.RENEW).with("csr", CertificateRequests.create(current.renewal, identity.name()))
                    .build());
        } catch (IOException e) {
            LOG.debug("Renewal request failed: {}", e.getMessage());
            current.close();
        }
    }

    /** Saves and takes the renewed identity; false (logged) if there is none. */
    private boolean renewed(Connection current, Message message) {
        KeyPair key = current.renewal;
        String error = message.optional("error", "");
        if (key == null || !error.isEmpty()) {
            LOG.warn("Agent {}: the manager did not renew its certificate: {}", identity.name(),
                    key == null ? "no renewal was asked for" : error);
            return false;
        }
        try {
            AgentIdentity before = identity;
            X509Certificate certificate = AgentEnrolment.issuedCertificate(message, key, before.caCertificate(), before.name());
            AgentIdentity next = new AgentIdentity(new KeyIdentity(key.getPrivate(), List.of(certificate,
                    before.caCertificate())), before.caCertificate());
            SSLContext nextContext = TlsContexts.create(next.key(), next.caCertificate());
            next.save(renewalDirectory);
            identity = next;
            context = nextContext;
            LOG.info("Agent {} renewed its certificate: serial {}, valid until {}", next.name(),
                    certificate.getSerialNumber().toString(16), certificate.getNotAfter().toInstant());
            return true;
        } catch (EnrolmentException | GeneralSecurityException | IOException e) {
            LOG.error("Agent {} could not take its renewed certificate, keeping the current one: {}", identity.name(),
                    e.getMessage());
            return false;
        }
    }

    private void runCommand(Connection current, Message message) {
        long id;
        Command command;
        try {
            id = message.requireLong("id");
        } catch (MalformedFrameException e) {
            LOG.warn("Ignoring a command without a valid id: {}", e.getMessage());
            return;
        }
        CommandResult result;
        try {
            command = Command.from(message);
            LOG.info("Command {} from the manager: {}", id, command);
            result = commands.handle(command);
            if (result == null) {
                result = CommandResult.failed("the agent's handler returned no result");
            }
        } catch (MalformedFrameException e) {
            result = CommandResult.failed("malformed command: " + e.getMessage());
        } catch (Exception e) {
            result = CommandResult.failed(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        try {
            current.send(result.toAck(id));
        } catch (IOException e) {
            LOG.warn("Could not acknowledge command {}: {}", id, e.getMessage());
        }
    }

    private boolean sendIfConnected(Message message) {
        Connection current = connection;
        if (current == null) {
            return false;
        }
        try {
            current.send(message);
            return true;
        } catch (IOException e) {
            LOG.debug("Could not send {}: {}", message.type(), e.getMessage());
            current.close();
            return false;
        }
    }

    private void pause(Duration wait) {
        lock.lock();
        try {
            long nanos = wait.toNanos();
            while (running && nanos > 0) {
                nanos = stopped.awaitNanos(nanos);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }

    private Duration doubled(Duration backoff) {
        Duration next = backoff.multipliedBy(2);
        return next.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : next;
    }

    private static Duration jittered(Duration backoff) {
        long millis = backoff.toMillis();
        return Duration.ofMillis(millis / 2 + ThreadLocalRandom.current().nextLong(millis / 2 + 1));
    }

    private void notify(Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            LOG.error("Agent channel listener failed: {}", e.getMessage(), e);
        }
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** One socket: serialized writes, the heartbeat sequence, closed once. */
    private final class Connection {
        private final SSLSocket socket;
        private final AtomicLong sequence = new AtomicLong();
        private OutputStream out;
        /** The new key of this session's renewal request, once asked. */
        volatile KeyPair renewal;

        Connection(SSLSocket socket) {
            this.socket = socket;
        }

        synchronized void send(Message message) throws IOException {
            if (out == null) {
                out = new BufferedOutputStream(socket.getOutputStream());
            }
            codec.write(out, message);
        }

        /** A failed heartbeat closes the socket, which ends the session in the reading thread. */
        void heartbeat() {
            try {
                send(new Heartbeat(sequence.incrementAndGet(), clock.instant()).toMessage());
            } catch (IOException e) {
                LOG.debug("Heartbeat failed: {}", e.getMessage());
                close();
            }
        }

        void close() {
            TlsContexts.closeNow(socket);
        }
    }
}
