package org.basket.api.fence;

import java.time.Duration;
import java.util.Map;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Registered as an OSGi service by a bundle that brings a fence method: the standard fence agents
 * ({@code fence_*}), or a method of a hypervisor manager (vCenter, the HMC, z/VM). The core binds every
 * factory and asks the one that {@link #serves serves} a fence definition's {@code agent} for its device;
 * when a factory goes away, the devices it made are no longer used.
 *
 * <p>When several factories serve one agent, the one with the highest {@code service.ranking} wins, then
 * the one bound first.
 */
@ConsumerType
public interface FenceDeviceFactory {

    /** Whether this factory makes devices for {@code agent}, as written in a fence definition's {@code agent} key. */
    boolean serves(String agent);

    /**
     * Checks a definition's parameters (everything but Basket's own keys) without touching the device.
     *
     * @throws FenceException naming the agent and each bad parameter, never a secret value
     */
    void validate(String agent, Map<String, String> parameters) throws FenceException;

    /**
     * Makes the device that one definition describes. Validates as {@link #validate} does; does not
     * contact the device.
     *
     * @param agent      a method this factory {@link #serves}
     * @param parameters the device's parameters, secrets included: never log them
     * @param timeout    how long one call to the device may take
     * @throws FenceException naming the agent and each bad parameter, or why the method cannot be used
     */
    FenceDevice create(String agent, Map<String, String> parameters, Duration timeout) throws FenceException;
}
