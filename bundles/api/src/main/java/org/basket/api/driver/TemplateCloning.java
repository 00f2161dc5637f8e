package org.basket.api.driver;

import java.util.function.IntConsumer;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Optional capability: a VM made by cloning a template that the hypervisor keeps (vSphere: a VM marked as template)
 * instead of defining it from a definition ({@link Provisioning#define}). The clone is removed again by
 * {@link Provisioning#undefine} (which keeps its files) and {@link StoragePools#deleteAt} of the path returned.
 */
@ConsumerType
public interface TemplateCloning {

    /**
     * Clones {@code template} to a stopped VM {@code domain} registered on {@code host}, its files in {@code pool}
     * (vSphere: a datastore of the host), with {@code cpus} and {@code memoryMb}, its disk at least {@code diskBytes}.
     * A failed clone leaves no VM of that name.
     *
     * @param progress the clone's progress in percent, as the hypervisor reports it
     * @return the path of the clone's files, for {@link StoragePools#deleteAt}
     * @throws DriverException naming the template, pool or host: an unknown template, a pool without room, ...
     */
    String cloneTemplate(String host, String template, String domain, String pool, int cpus, long memoryMb,
                         long diskBytes, IntConsumer progress) throws DriverException;

    /**
     * As {@link #cloneTemplate(String, String, String, String, int, long, long, IntConsumer)}, the clone's first
     * network card connected to {@code network} (vSphere: a standard or distributed port group the host has); an empty
     * {@code network} keeps the template's. Refused before anything is cloned when the host has no such network or the
     * template no network card. A driver that cannot connect a clone to a network refuses any network (the default).
     *
     * @since api.driver 1.4.0
     */
    default String cloneTemplate(String host, String template, String domain, String pool, int cpus, long memoryMb,
                                 long diskBytes, String network, IntConsumer progress) throws DriverException {
        if (!network.isEmpty()) {
            throw new DriverException("cloning template " + template + " to " + domain + " on " + host
                    + ": this driver cannot connect a clone to network '" + network + "'");
        }
        return cloneTemplate(host, template, domain, pool, cpus, memoryMb, diskBytes, progress);
    }
}
