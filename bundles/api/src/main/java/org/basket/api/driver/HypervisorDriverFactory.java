package org.basket.api.driver;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Registered as an OSGi service by a driver bundle, one per hypervisor type it supports. The core
 * opens one {@link HypervisorDriver} for each configured driver endpoint of that type, and closes
 * them when this service goes away.
 */
@ConsumerType
public interface HypervisorDriverFactory {

    /** Service property naming the hypervisor type, the same value as {@link #type()}. */
    String TYPE_PROPERTY = "basket.driver.type";

    /** The hypervisor type this factory serves, as written in a driver configuration's {@code type} key. */
    String type();

    /**
     * Opens an endpoint. Validates the driver-specific properties and fails with a
     * {@link DriverException} naming the bad key; never logs credentials.
     *
     * @param config   the endpoint's configuration
     * @param listener where the endpoint reports domain and host events
     */
    HypervisorDriver open(DriverConfig config, DriverListener listener) throws DriverException;
}
