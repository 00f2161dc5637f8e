package org.basket.api.cluster;

import java.util.function.Consumer;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Creates and deletes VMs with their disks and their HA registration in one step: either every step is done or
 * every step done so far is undone, in reverse order, and the failure names the step and why.
 */
@ProviderType
public interface VmProvisioning {

    /**
     * Chooses a host (the scheduler's, or {@link VmRequest#host}), allocates the disk, defines the domain from the
     * template, writes the resource's configuration and waits until the engine runs it.
     *
     * @param progress told each step as it begins and ends
     * @return the host the VM runs on
     * @throws IllegalArgumentException for a bad request (name taken, unknown template or host); nothing was done
     * @throws ProvisioningException    when a step failed; what was done before it has been undone
     */
    String create(VmRequest request, Consumer<String> progress) throws ProvisioningException;

    /**
     * Removes the VM's resource configuration, stops it, undefines its domain and deletes its disks unless
     * {@code keepDisks}.
     *
     * @throws IllegalArgumentException if no such VM is configured
     * @throws ProvisioningException    when a step failed; the steps done stay done and the message says what is left
     */
    void delete(String name, boolean keepDisks, Consumer<String> progress) throws ProvisioningException;
}
