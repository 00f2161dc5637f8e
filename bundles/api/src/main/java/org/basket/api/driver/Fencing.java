package org.basket.api.driver;

import org.basket.api.fence.FenceDevice;
import org.osgi.annotation.versioning.ConsumerType;

/** Optional capability: the endpoint can power hosts off itself (a hypervisor manager, a simulator). */
@ConsumerType
public interface Fencing {

    /** A fence device for one attached host. */
    FenceDevice fenceDevice(String host) throws DriverException;
}
