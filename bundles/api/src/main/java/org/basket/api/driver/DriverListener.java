package org.basket.api.driver;

import org.osgi.annotation.versioning.ProviderType;

/** Where a driver endpoint reports what it sees, from any thread. Implemented by the core. */
@ProviderType
public interface DriverListener {

    /** A domain changed state (started, stopped, crashed, migrated away). */
    void domainChanged(String host, String domain, DomainState state);

    /**
     * The endpoint lost or regained contact with a host. Losing contact makes the host suspect; it
     * does not mean its domains stopped.
     */
    void hostContact(String host, boolean reachable, String reason);
}
