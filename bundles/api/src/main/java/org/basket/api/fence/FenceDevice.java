package org.basket.api.fence;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A device that can cut one host's power: an IPMI BMC, a PDU outlet, a hypervisor manager.
 * A successful {@link #powerOff()} is the only proof that nothing still runs on the host.
 */
@ConsumerType
public interface FenceDevice {

    /** A readable name for logs and status, never containing credentials. */
    String name();

    PowerState status() throws FenceException;

    /** Powers the host off and returns once the device confirms it is off. */
    void powerOff() throws FenceException;

    void powerOn() throws FenceException;
}
