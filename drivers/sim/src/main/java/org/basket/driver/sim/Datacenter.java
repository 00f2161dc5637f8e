package org.basket.driver.sim;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.basket.api.driver.DomainInfo;
import org.basket.api.driver.DriverException;
import org.basket.api.driver.DriverListener;
import org.basket.api.driver.HostInfo;
import org.basket.api.fence.FenceDevice;
import org.basket.api.model.Capacity;

/**
 * A simulated datacenter as the simulator's driver endpoints and its {@code sim:} commands see it: in
 * this JVM ({@link SimulatedDatacenter}) or in a world process of its own, which several managers share.
 * Driver calls fail with a {@link DriverException}; fault injection refuses an unknown host with an
 * {@link IllegalArgumentException} and, for a world process out of reach, an {@link IllegalStateException}.
 */
public interface Datacenter {

    /** Where the world lives, in words: "in this JVM" or "world process at 127.0.0.1:7001". */
    String where();

    // ---- driver calls

    List<String> discoverHosts() throws DriverException;

    /** Adds the host, powered on, if new; otherwise fails unless the manager can reach it. */
    void attach(String host, Capacity capacityIfNew) throws DriverException;

    HostInfo hostInfo(String host) throws DriverException;

    List<DomainInfo> domains(String host) throws DriverException;

    DomainInfo monitor(String host, String domain) throws DriverException;

    void start(String host, String domain) throws DriverException;

    void stop(String host, String domain, Duration grace) throws DriverException;

    void migrate(String domain, String fromHost, String toHost, Duration duration, Consumer<String> progress)
            throws DriverException;

    /** The host's out-of-band power controller (a BMC): it works whatever the manager's contact. */
    FenceDevice fenceDevice(String host);

    /** Registers a listener for the events of the hosts {@code hosts} accepts. */
    ListenerRegistration addListener(DriverListener listener, Predicate<String> hosts);

    // ---- the world's state and its faults

    /** Every host, sorted by name. */
    List<SimulatedHost> hosts();

    List<InjectedFault> faults();

    /** Every time a domain became active on a host while active on another, in order. */
    List<DoubleActiveViolation> violations();

    Duration latency();

    void setLatency(Duration latency);

    void crashDomain(String domain);

    void crashHost(String host);

    void powerOn(String host);

    void cutContact(String host, boolean cut);

    void failNext(Operation operation, String target, int count);

    void hang(Operation operation, String target);

    void failFence(String host, boolean fail);

    void clearFaults();
}
