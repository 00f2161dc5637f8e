package org.basket.api.driver;

import org.osgi.annotation.versioning.ConsumerType;

/** Optional capability: define and remove domains from a hypervisor-specific definition. */
@ConsumerType
public interface Provisioning {

    /** Defines a domain from its definition (libvirt domain XML, ...) and returns its name. */
    String define(String host, String definition) throws DriverException;

    void undefine(String host, String domain) throws DriverException;
}
