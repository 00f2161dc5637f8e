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

    /**
     * A size written as bytes or with a binary unit: {@code 512M}, {@code 20G}, {@code 1T}.
     *
     * @throws IllegalArgumentException naming the text
     */
    public static long size(String text) {
        String value = text.trim().toUpperCase(java.util.Locale.ROOT);
        int unit = value.isEmpty() ? -1 : "KMGT".indexOf(value.charAt(value.length() - 1));
        String digits = unit >= 0 ? value.substring(0, value.length() - 1) : value;
        if (!digits.matches("[0-9]{1,12}") || Long.parseLong(digits) < 1) {
            throw new IllegalArgumentException("'" + text + "' is not a size (bytes, or a number with K, M, G or T)");
        }
        long number = Long.parseLong(digits);
        if (number > Long.MAX_VALUE >> (10 * (unit + 1))) {
            throw new IllegalArgumentException("'" + text + "' is too large a size");
        }
        return number << (10 * (unit + 1));
    }
}
