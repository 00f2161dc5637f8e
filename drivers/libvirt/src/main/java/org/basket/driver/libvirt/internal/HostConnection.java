package org.basket.driver.libvirt.internal;

import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.basket.api.driver.DriverException;
import org.basket.api.driver.DriverListener;
import org.basket.api.driver.HostBinding;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;
import org.libvirt.event.ConnectionCloseReason;
import org.libvirt.event.DomainEvent;
import org.libvirt.event.LifecycleListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection to one host's libvirt. Lifecycle events go to the listener as they come. When the
 * connection breaks (EOF, keepalive timeout, a failed call on a dead connection) the host is
 * reported out of contact, never its domains as stopped, and the connection is retried until it
 * answers again or the host is detached.
 */
final class HostConnection {
    private static final Logger LOG = LoggerFactory.getLogger(HostConnection.class);
    private static final Set<String> DRIVERS = Set.of("qemu", "xen", "libxl", "test");

    private final HostBinding binding;
    private final LibvirtSettings settings;
    private final DriverListener listener;
    private final ScheduledExecutorService retries;
    private final LifecycleListener lifecycle = this::lifecycleChanged;
    private Connect connect;
    private String lostReason = "";
    private boolean closed;

    private HostConnection(HostBinding binding, LibvirtSettings settings, DriverListener listener,
                           ScheduledExecutorService retries) {
        this.binding = binding;
        this.settings = settings;
        this.listener = listener;
        this.retries = retries;
    }

    /** Connects, or fails with a message naming the host and what went wrong. */
    static HostConnection open(HostBinding binding, LibvirtSettings settings, DriverListener listener,
                               ScheduledExecutorService retries) throws DriverException {
        requireLibvirtUri(binding);
        HostConnection connection = new HostConnection(binding, settings, listener, retries);
        try {
            connection.connect();
        } catch (LibvirtException e) {
            throw new DriverException("host " + binding.name() + ": cannot connect to " + binding.address() + ": "
                    + Errors.describe(e), e);
        }
        return connection;
    }

    String host() {
        return binding.name();
    }

    String uri() {
        return binding.address();
    }

    /** The open connection, or why there is none. */
    synchronized Connect require() throws DriverException {
        if (closed) {
            throw new DriverException("host " + host() + ": detached from the libvirt driver");
        }
        if (connect == null) {
            throw new DriverException("host " + host() + ": no connection to " + uri() + " (" + lostReason + ")");
        }
        return connect;
    }

    /**
     * A call on the connection failed: if the connection itself is dead, the host is lost.
     *
     * @return the exception to throw, naming the host and what was done
     */
    DriverException failed(String what, LibvirtException e) {
        Connect current;
        synchronized (this) {
            current = connect;
        }
        if (current != null && !alive(current)) {
            lost(current, Errors.describe(e));
        }
        return new DriverException("host " + host() + ": " + what + ": " + Errors.describe(e), e);
    }

    synchronized void close() {
        closed = true;
        if (connect != null) {
            disconnect(connect);
            connect = null;
        }
    }

    private void connect() throws LibvirtException {
        EventLoop.ensureRunning();
        Connect fresh = new Connect(uri(), new Credentials(settings.username(), settings.password()), 0);
        try {
            if (isRemote()) {
                keepAlive(fresh);
                fresh.registerCloseListener(this::connectionClosed);
            }
            fresh.addLifecycleListener(lifecycle);
        } catch (LibvirtException e) {
            fresh.close();
            throw e;
        }
        synchronized (this) {
            if (closed) {
                disconnect(fresh);
                return;
            }
            connect = fresh;
            lostReason = "";
        }
    }

    private void keepAlive(Connect fresh) {
        try {
            fresh.setKeepAlive(settings.keepaliveInterval(), settings.keepaliveCount());
        } catch (LibvirtException e) {
            LOG.warn("host {}: no keepalive on {} (a silent peer is noticed only when a call fails): {}", host(), uri(),
                    Errors.describe(e));
        }
    }

    /** Remote connections and local ones through a daemon socket can break; test:/// runs in this process. */
    private boolean isRemote() {
        return !uri().startsWith("test:");
    }

    private void connectionClosed(Connect closedConnection, ConnectionCloseReason reason) {
        lost(closedConnection, "connection closed: " + reason.name().toLowerCase().replace('_', ' '));
    }

    private void lost(Connect broken, String reason) {
        synchronized (this) {
            if (connect != broken || closed) {
                return;
            }
            connect = null;
            lostReason = reason;
        }
        LOG.warn("libvirt host {} ({}) lost: {}; reconnecting every {} ms", host(), uri(), reason,
                settings.reconnectInterval().toMillis());
        // unregistering callbacks from the event loop's own thread would deadlock: do it on the retry thread
        try {
            retries.execute(() -> disconnect(broken));
        } catch (RejectedExecutionException e) {
            LOG.debug("host {}: endpoint closed while the connection broke", host());
        }
        listener.hostContact(host(), false, "libvirt connection to " + uri() + " lost: " + reason);
        scheduleReconnect();
    }

    private void scheduleReconnect() {
        try {
            retries.schedule(this::reconnect, settings.reconnectInterval().toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("host {}: endpoint closed, no reconnect", host());
        }
    }

    private void reconnect() {
        synchronized (this) {
            if (closed || connect != null) {
                return;
            }
        }
        try {
            connect();
        } catch (LibvirtException e) {
            synchronized (this) {
                lostReason = "reconnecting failed: " + Errors.describe(e);
            }
            scheduleReconnect();
            return;
        }
        LOG.info("libvirt host {} ({}) connected again", host(), uri());
        listener.hostContact(host(), true, "libvirt connection to " + uri() + " restored");
    }

    private int lifecycleChanged(Domain domain, DomainEvent event) {
        DomainStates.after(event).ifPresent(state -> {
            try {
                listener.domainChanged(host(), domain.getName(), state);
            } catch (LibvirtException e) {
                LOG.debug("lifecycle event {} on {} for a domain without a name: {}", event, host(), e.getMessage());
            }
        });
        return 0;
    }

    private void disconnect(Connect old) {
        try {
            old.removeLifecycleListener(lifecycle);
        } catch (LibvirtException | RuntimeException e) {
            LOG.debug("host {}: removing the lifecycle listener: {}", host(), e.getMessage());
        }
        try {
            if (isRemote()) {
                old.unregisterCloseListener();
            }
            old.close();
        } catch (LibvirtException | RuntimeException e) {
            LOG.debug("host {}: closing the connection: {}", host(), e.getMessage());
        }
    }

    private static boolean alive(Connect connection) {
        try {
            return connection.isAlive();
        } catch (LibvirtException e) {
            return false;
        }
    }

    private static void requireLibvirtUri(HostBinding binding) throws DriverException {
        String address = binding.address();
        int colon = address.indexOf(':');
        String driver = colon < 0 ? "" : address.substring(0, colon).split("\\+", 2)[0];
        if (!DRIVERS.contains(driver) || !address.startsWith(driver) || !address.contains("://")) {
            throw new DriverException("host " + binding.name() + ": address '" + address
                    + "' is not a libvirt URI of a qemu, xen or test driver (such as qemu+ssh://host/system)");
        }
    }
}
