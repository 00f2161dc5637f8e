package org.basket.core.driver;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

import org.basket.api.cluster.EventKind;
import org.basket.api.driver.Fencing;
import org.basket.api.fence.FenceDevice;
import org.basket.api.driver.DriverConfig;
import org.basket.api.driver.DriverException;
import org.basket.api.driver.DriverListener;
import org.basket.api.driver.HostBinding;
import org.basket.api.driver.HypervisorDriver;
import org.basket.api.driver.HypervisorDriverFactory;
import org.basket.api.model.Host;
import org.basket.core.EventLog;

/**
 * Binds driver factories as they come and go, opens one endpoint per configured driver whose type
 * is deployed, and attaches each configured host to its endpoint. When a factory goes away its
 * endpoints close and their hosts become unmanaged. If two factories serve one type, the first
 * bound serves it.
 */
public final class DriverRegistry {

    private static final class Endpoint {
        final DriverConfig config;
        final HypervisorDriverFactory factory;
        final HypervisorDriver driver;
        final Map<String, Host> attached = new HashMap<>();
        final Map<String, String> attachErrors = new HashMap<>();

        Endpoint(DriverConfig config, HypervisorDriverFactory factory, HypervisorDriver driver) {
            this.config = config;
            this.factory = factory;
            this.driver = driver;
        }
    }

    private final Map<String, List<HypervisorDriverFactory>> factories = new HashMap<>();
    private final Map<String, Endpoint> endpoints = new TreeMap<>();
    private final Map<String, String> openErrors = new TreeMap<>();
    /** Each configured host's driver endpoint name, from the last reconcile. */
    private Map<String, String> hostDrivers = Map.of();
    private final Function<String, DriverListener> listeners;
    private final EventLog events;
    /** Runs a batch of attach calls and returns once all ended. */
    private volatile Consumer<List<Runnable>> attachCalls = calls -> calls.forEach(Runnable::run);

    /**
     * @param listeners makes the listener for an endpoint, given its name
     */
    public DriverRegistry(Function<String, DriverListener> listeners, EventLog events) {
        this.listeners = listeners;
        this.events = events;
    }

    /**
     * How the attach calls of new hosts run: {@code runAll} runs them (in parallel) and returns once all ended. By
     * default one by one, which at thousands of hosts takes a driver call's time per host.
     */
    public void attachWith(Consumer<List<Runnable>> runAll) {
        attachCalls = runAll;
    }

    public synchronized void bind(HypervisorDriverFactory factory) {
        factories.computeIfAbsent(factory.type(), t -> new ArrayList<>()).add(factory);
        events.entry(EventKind.DRIVER, "driver type '" + factory.type() + "' deployed").info();
    }

    public synchronized void unbind(HypervisorDriverFactory factory) {
        List<HypervisorDriverFactory> list = factories.getOrDefault(factory.type(), new ArrayList<>());
        list.remove(factory);
        if (list.isEmpty()) {
            factories.remove(factory.type());
        }
        endpoints.values().removeIf(endpoint -> {
            if (endpoint.factory != factory) {
                return false;
            }
            close(endpoint);
            events.entry(EventKind.DRIVER, "driver '" + endpoint.config.name() + "' closed: type '" + factory.type()
                    + "' was undeployed; its hosts are unmanaged").warn();
            return true;
        });
    }

    /**
     * Opens, reopens and closes endpoints and attaches hosts so that they match the configuration. New
     * settings for an open endpoint are opened beside it first: if the driver refuses them, the endpoint
     * stays open with its last good settings and the refusal is reported.
     */
    public synchronized void reconcile(Map<String, DriverConfig> configs, Map<String, Host> hosts) {
        endpoints.values().removeIf(endpoint -> {
            DriverConfig wanted = configs.get(endpoint.config.name());
            if (wanted != null && factory(wanted.type()) == endpoint.factory) {
                return false;
            }
            close(endpoint);
            events.entry(EventKind.DRIVER, "driver '" + endpoint.config.name() + "' closed"
                    + (wanted == null ? ": no longer configured" : ": its type changed")).info();
            return true;
        });
        openErrors.keySet().retainAll(configs.keySet());
        Map<String, String> drivers = new HashMap<>();
        hosts.values().forEach(h -> drivers.put(h.name(), h.driver()));
        hostDrivers = drivers;
        for (DriverConfig config : configs.values()) {
            HypervisorDriverFactory factory = factory(config.type());
            Endpoint current = endpoints.get(config.name());
            if (current != null && current.config.equals(config)) {
                openErrors.remove(config.name());
            } else if (factory != null) {
                open(config, factory, current);
            }
        }
        for (Endpoint endpoint : endpoints.values()) {
            attachHosts(endpoint, hosts);
        }
    }

    /** Opens an endpoint; one that replaces {@code current} takes its place only once it opened. */
    private void open(DriverConfig config, HypervisorDriverFactory factory, Endpoint current) {
        String message;
        try {
            HypervisorDriver driver = factory.open(config, listeners.apply(config.name()));
            if (current != null) {
                close(current);
            }
            endpoints.put(config.name(), new Endpoint(config, factory, driver));
            openErrors.remove(config.name());
            events.entry(EventKind.DRIVER, "driver '" + config.name() + "' (type " + config.type() + ") "
                    + (current == null ? "connected" : "reopened with its new settings")).info();
            return;
        } catch (DriverException | RuntimeException e) {
            message = current == null
                    ? "driver '" + config.name() + "' could not be opened: " + e.getMessage()
                    : "driver '" + config.name() + "': new settings refused, the last good ones stay in force: "
                    + e.getMessage();
        }
        if (!message.equals(openErrors.put(config.name(), message))) {
            events.entry(EventKind.DRIVER, message).error();
        }
    }

    private void attachHosts(Endpoint endpoint, Map<String, Host> hosts) {
        endpoint.attached.entrySet().removeIf(entry -> {
            Host wanted = hosts.get(entry.getKey());
            if (entry.getValue().equals(wanted)) {
                return false;
            }
            endpoint.driver.detach(entry.getKey());
            return true;
        });
        endpoint.attachErrors.keySet().retainAll(hosts.keySet());
        List<Host> wanted = hosts.values().stream().filter(host -> host.driver().equals(endpoint.config.name())
                && !endpoint.attached.containsKey(host.name())).toList();
        Map<Host, Optional<Exception>> outcomes = new ConcurrentHashMap<>();
        attachCalls.accept(wanted.stream().map(host -> (Runnable) () -> outcomes.put(host,
                Optional.ofNullable(attach(endpoint, host)))).toList());
        for (Host host : wanted) {
            attached(endpoint, host, outcomes.getOrDefault(host, Optional.of(new DriverException("attach not done")))
                    .orElse(null));
        }
    }

    /** Attaches one host; the failure, or null. Runs on any thread: it only calls the driver. */
    private static Exception attach(Endpoint endpoint, Host host) {
        try {
            endpoint.driver.attach(new HostBinding(host.name(), host.address(), host.attributes()));
            return null;
        } catch (DriverException | RuntimeException e) {
            return e;
        }
    }

    private void attached(Endpoint endpoint, Host host, Exception failure) {
        if (failure == null) {
            endpoint.attached.put(host.name(), host);
            endpoint.attachErrors.remove(host.name());
            return;
        }
        String message = "host '" + host.name() + "' could not be attached to driver '"
                + endpoint.config.name() + "': " + failure.getMessage();
        if (!message.equals(endpoint.attachErrors.put(host.name(), message))) {
            events.entry(EventKind.DRIVER, message).host(host.name()).error();
        }
    }

    /** Whether a driver endpoint is open for the host's configured driver. */
    public synchronized boolean isManaged(Host host) {
        return endpoints.containsKey(host.driver());
    }

    /** The endpoint a host is attached to, if it is. */
    public synchronized Optional<HypervisorDriver> driverFor(String host) {
        return endpoints.values().stream().filter(e -> e.attached.containsKey(host)).map(e -> e.driver).findFirst();
    }

    /** The endpoint a host is attached to, or a DriverException saying why there is none. */
    public HypervisorDriver require(String host) throws DriverException {
        return driverFor(host).orElseThrow(() -> new DriverException("host '" + host + "' is not attached to a driver"
                + attachError(host).map(e -> ": " + e).orElse("")));
    }

    /**
     * The open endpoint of the driver a host is configured with, attached or not: what fences a host
     * that cannot be reached.
     */
    public synchronized HypervisorDriver endpointOf(String host) throws DriverException {
        Endpoint endpoint = endpoints.get(hostDrivers.get(host));
        if (endpoint == null) {
            throw new DriverException("host '" + host + "': its driver '" + hostDrivers.get(host) + "' is not open");
        }
        return endpoint.driver;
    }

    /** The driver's own fence device for a host, if its driver can fence. */
    public Optional<FenceDevice> fenceDeviceOf(String host) {
        try {
            Optional<Fencing> fencing = endpointOf(host).capability(Fencing.class);
            return fencing.isPresent() ? Optional.of(fencing.get().fenceDevice(host)) : Optional.empty();
        } catch (DriverException e) {
            return Optional.empty();
        }
    }

    public synchronized Optional<String> attachError(String host) {
        return endpoints.values().stream().map(e -> e.attachErrors.get(host)).filter(Objects::nonNull).findFirst();
    }

    /** Each configured driver and its state, for status displays. */
    public synchronized Map<String, String> status(Map<String, DriverConfig> configs) {
        Map<String, String> status = new TreeMap<>();
        for (DriverConfig config : configs.values()) {
            String state;
            if (endpoints.containsKey(config.name())) {
                state = "connected (type " + config.type() + ")"
                        + (openErrors.containsKey(config.name()) ? "; " + openErrors.get(config.name()) : "");
            } else if (openErrors.containsKey(config.name())) {
                state = "error: " + openErrors.get(config.name());
            } else {
                state = "type '" + config.type() + "' not deployed";
            }
            status.put(config.name(), state);
        }
        return status;
    }

    public synchronized void closeAll() {
        endpoints.values().forEach(this::close);
        endpoints.clear();
    }

    private HypervisorDriverFactory factory(String type) {
        List<HypervisorDriverFactory> list = factories.get(type);
        return list == null || list.isEmpty() ? null : list.get(0);
    }

    private void close(Endpoint endpoint) {
        try {
            endpoint.driver.close();
        } catch (RuntimeException e) {
            events.entry(EventKind.DRIVER, "driver '" + endpoint.config.name() + "' failed to close: " + e.getMessage())
                    .warn();
        }
    }
}
