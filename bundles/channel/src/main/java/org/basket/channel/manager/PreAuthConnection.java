package org.basket.channel.manager;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A connection's time before authentication: admitted by {@link PreAuthAdmission}, given the handshake
 * deadline in all (its socket is closed when the deadline passes), {@link #over} once the peer is an
 * agent's session or the connection ended. Either releases its place once.
 */
final class PreAuthConnection {
    private final Socket socket;
    private final InetAddress address;
    private final PreAuthAdmission admission;
    private final AtomicBoolean over = new AtomicBoolean();
    private final ScheduledFuture<?> deadline;
    private volatile boolean expired;

    PreAuthConnection(Socket socket, InetAddress address, PreAuthAdmission admission, ScheduledExecutorService deadlines,
            Duration timeout) {
        this.socket = socket;
        this.address = address;
        this.admission = admission;
        this.deadline = deadlines.schedule(this::expire, timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    InetAddress address() {
        return address;
    }

    /** Whether the deadline closed it. */
    boolean expired() {
        return expired;
    }

    /** Authenticated or ended: no deadline any more, no longer counted. */
    void over() {
        if (over.compareAndSet(false, true)) {
            deadline.cancel(false);
            admission.release(address);
        }
    }

    private void expire() {
        if (over.compareAndSet(false, true)) {
            expired = true;
            admission.release(address);
            closeNow(socket);
        }
    }

    /** Closes at once with a reset, never waiting for the peer. */
    static void closeNow(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
        } catch (IOException e) {
            // closed already
        }
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
