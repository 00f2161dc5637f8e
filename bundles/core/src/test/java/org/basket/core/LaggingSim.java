package org.basket.core;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.basket.api.driver.DomainInfo;
import org.basket.api.driver.DomainState;
import org.basket.api.driver.DriverConfig;
import org.basket.api.driver.DriverException;
import org.basket.api.driver.DriverListener;
import org.basket.api.driver.HostBinding;
import org.basket.api.driver.HostInfo;
import org.basket.api.driver.HypervisorDriver;
import org.basket.api.driver.HypervisorDriverFactory;
import org.basket.driver.sim.internal.SimDriverFactory;

/**
 * The simulator's driver with two faults of a real network between the manager and a host: an answer that reads the
 * domains, then takes its time to arrive (so that it is older than what happened meanwhile), and driver events about a
 * host that are lost on the way.
 */
final class LaggingSim implements HypervisorDriverFactory {
    private final SimDriverFactory sim;
    private final EngineTime time;
    private final Map<String, Duration> lagNext = new ConcurrentHashMap<>();
    private final Map<String, Integer> reads = new ConcurrentHashMap<>();
    private final Set<String> eventsLost = ConcurrentHashMap.newKeySet();
    private volatile boolean fencing = true;

    LaggingSim(SimDriverFactory sim, EngineTime time) {
        this.sim = sim;
        this.time = time;
    }

    /** The next listing of the host's domains arrives {@code lag} after it was read. */
    void lagNextListing(String host, Duration lag) {
        lagNext.put(host, lag);
    }

    /** How many times the host's domains were read. */
    int listings(String host) {
        return reads.getOrDefault(host, 0);
    }

    /** The driver cannot fence its hosts: without a fence device configured, nothing can. */
    LaggingSim withoutFencing() {
        fencing = false;
        return this;
    }

    /** Driver events about the host are lost (true) or delivered (false). */
    void loseEvents(String host, boolean lost) {
        if (lost) {
            eventsLost.add(host);
        } else {
            eventsLost.remove(host);
        }
    }

    @Override
    public String type() {
        return sim.type();
    }

    @Override
    public HypervisorDriver open(DriverConfig config, DriverListener listener) throws DriverException {
        HypervisorDriver inner = sim.open(config, new DriverListener() {
            @Override
            public void domainChanged(String host, String domain, DomainState state) {
                if (!eventsLost.contains(host)) {
                    listener.domainChanged(host, domain, state);
                }
            }

            @Override
            public void hostContact(String host, boolean reachable, String reason) {
                if (!eventsLost.contains(host)) {
                    listener.hostContact(host, reachable, reason);
                }
            }
        });
        return new HypervisorDriver() {
            @Override
            public List<String> discoverHosts() throws DriverException {
                return inner.discoverHosts();
            }

            @Override
            public void attach(HostBinding host) throws DriverException {
                inner.attach(host);
            }

            @Override
            public void detach(String host) {
                inner.detach(host);
            }

            @Override
            public HostInfo host(String host) throws DriverException {
                return inner.host(host);
            }

            @Override
            public List<DomainInfo> domains(String host) throws DriverException {
                List<DomainInfo> read = inner.domains(host);
                reads.merge(host, 1, Integer::sum);
                Duration lag = lagNext.remove(host);
                if (lag != null) {
                    try {
                        time.sleep(lag);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new DriverException("list domains of " + host + ": interrupted", e);
                    }
                }
                return read;
            }

            @Override
            public DomainInfo monitor(String host, String domain) throws DriverException {
                return inner.monitor(host, domain);
            }

            @Override
            public void start(String host, String domain) throws DriverException {
                inner.start(host, domain);
            }

            @Override
            public void stop(String host, String domain, Duration grace) throws DriverException {
                inner.stop(host, domain, grace);
            }

            @Override
            public <T> Optional<T> capability(Class<T> type) {
                return !fencing && type == org.basket.api.driver.Fencing.class ? Optional.empty()
                        : inner.capability(type);
            }

            @Override
            public void close() {
                inner.close();
            }
        };
    }
}
