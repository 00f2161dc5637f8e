package org.basket.api.driver;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * One open hypervisor endpoint. It fits both kinds of endpoint:
 * <ul>
 * <li>one connection per host (libvirt): {@link #attach} opens that host's connection;</li>
 * <li>one manager for many hosts (vCenter, the PowerVM HMC, z/VM's API): {@link #discoverHosts}
 * lists the manager's inventory and {@link #attach} looks a host up in it.</li>
 * </ul>
 * Hosts and domains are named by Basket's host name and the hypervisor's domain name. Operations
 * block until done; the caller applies timeouts and interrupts a hung call. Optional features
 * ({@link LiveMigration}, {@link Provisioning}, {@link Fencing}) are looked up with
 * {@link #capability}.
 */
@ConsumerType
public interface HypervisorDriver extends AutoCloseable {

    /** Hosts this endpoint can manage: a manager's inventory, or the hosts attached so far. */
    List<String> discoverHosts() throws DriverException;

    /** Starts managing a host; fails if the host cannot be found or reached. */
    void attach(HostBinding host) throws DriverException;

    /** Stops managing a host; its domains are left as they are. */
    void detach(String host);

    /** Reachability and capacity of an attached host. */
    HostInfo host(String host) throws DriverException;

    /** Every domain the host knows, running or not. */
    List<DomainInfo> domains(String host) throws DriverException;

    /** The current state of one domain. */
    DomainInfo monitor(String host, String domain) throws DriverException;

    /** Starts a defined domain; returns when it runs. */
    void start(String host, String domain) throws DriverException;

    /** Asks the guest to shut down, waits up to {@code grace}, then forces it off. */
    void stop(String host, String domain, Duration grace) throws DriverException;

    /** An optional feature of this endpoint, such as {@code LiveMigration.class}. */
    default <T> Optional<T> capability(Class<T> type) {
        return type.isInstance(this) ? Optional.of(type.cast(this)) : Optional.empty();
    }

    /** Releases every connection; domains keep running. */
    @Override
    void close();
}
