package org.basket.api.cluster;

import java.util.Objects;

/**
 * What {@link VmProvisioning#create} makes: a VM from a template; 0, an empty or a null value takes the
 * template's.
 *
 * @param name      the VM, also its domain and resource name
 * @param template  the template's name (libvirt: {@code etc/templates/<template>.xml} and {@code .cfg})
 * @param cpus      virtual CPUs
 * @param memoryMb  memory in MiB
 * @param diskBytes the size of its disk
 * @param network   the network its interface joins
 * @param host      the host to create it on; empty: the scheduler chooses
 */
public record VmRequest(String name, String template, int cpus, long memoryMb, long diskBytes, String network,
                        String host) {
    public VmRequest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(template, "template");
        network = network == null ? "" : network;
        host = host == null ? "" : host;
        if (cpus < 0 || memoryMb < 0 || diskBytes < 0) {
            throw new IllegalArgumentException("cpus, memory and disk size cannot be negative");
        }
    }
}
