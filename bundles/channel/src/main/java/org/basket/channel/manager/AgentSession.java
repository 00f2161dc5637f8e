package org.basket.channel.manager;

import java.io.IOException;
import java.io.OutputStream;
import java.net.SocketException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

import javax.net.ssl.SSLSocket;

import org.basket.channel.pki.TlsContexts;
import org.basket.channel.protocol.Command;
import org.basket.channel.protocol.CommandResult;
import org.basket.channel.protocol.FrameCodec;
import org.basket.channel.protocol.Message;

/**
 * One agent's live connection: writes serialized, commands waiting for their ACK by id. A frame not
 * written within {@link #WRITE_TIMEOUT} (an agent that stops reading) ends the session, so that no
 * writer waits longer.
 */
final class AgentSession {
    static final Duration WRITE_TIMEOUT = Duration.ofSeconds(10);

    private final SessionInfo info;
    private final SSLSocket socket;
    private final OutputStream out;
    private final FrameCodec codec;
    private final AtomicLong nextCommandId = new AtomicLong();
    private final Map<Long, CompletableFuture<CommandResult>> pending = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final BiConsumer<AgentSession, String> stalled;

    /** @param stalled ends the session, with the reason, when a write misses its deadline */
    AgentSession(SessionInfo info, SSLSocket socket, OutputStream out, FrameCodec codec,
            BiConsumer<AgentSession, String> stalled) {
        this.info = info;
        this.socket = socket;
        this.out = out;
        this.codec = codec;
        this.stalled = stalled;
    }

    SessionInfo info() {
        return info;
    }

    String agentName() {
        return info.agentName();
    }

    void send(Message message) throws IOException {
        synchronized (out) {
            CompletableFuture<Void> written = new CompletableFuture<>();
            written.orTimeout(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).whenComplete((done, late) -> {
                if (late instanceof TimeoutException) {
                    abort("a frame was not written within " + WRITE_TIMEOUT.toMillis() + " ms: the agent does not read");
                }
            });
            try {
                codec.write(out, message);
            } finally {
                written.complete(null);
            }
        }
    }

    /** Ends the session at once, even while a write blocks: no close_notify is waited for. */
    private void abort(String reason) {
        try {
            socket.setSoLinger(true, 0);
        } catch (SocketException e) {
            // closed already
        }
        stalled.accept(this, reason);
    }

    /** Registers the command before writing it, so that a fast ACK finds it. */
    CompletableFuture<CommandResult> send(Command command) {
        long id = nextCommandId.incrementAndGet();
        CompletableFuture<CommandResult> future = new CompletableFuture<>();
        pending.put(id, future);
        future.whenComplete((result, failure) -> pending.remove(id));
        if (closed.get()) {
            future.completeExceptionally(new AgentNotConnectedException("agent " + agentName() + " disconnected"));
            return future;
        }
        try {
            send(command.toMessage(id));
        } catch (IOException e) {
            future.completeExceptionally(new AgentNotConnectedException("cannot send " + command + " to agent "
                    + agentName() + ": " + e.getMessage()));
        }
        return future;
    }

    /** False for an id nothing waits for (answered after its timeout, or never sent). */
    boolean acknowledge(long id, CommandResult result) {
        CompletableFuture<CommandResult> future = pending.get(id);
        return future != null && future.complete(result);
    }

    /** True the first time only. */
    boolean close(String reason) {
        if (!closed.compareAndSet(false, true)) {
            return false;
        }
        TlsContexts.closeNow(socket);
        AgentNotConnectedException failure = new AgentNotConnectedException("agent " + agentName()
                + " disconnected before answering: " + reason);
        pending.values().forEach(future -> future.completeExceptionally(failure));
        return true;
    }
}
