package org.basket.api.model;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A hypervisor host as configured.
 *
 * @param name       Basket's name of the host
 * @param driver     the name of the driver endpoint that manages it
 * @param address    what the driver needs to reach it (a libvirt URI, a name in vCenter, ...)
 * @param attributes labels for placement rules (site, rack, any label)
 */
public record Host(String name, String driver, String address, Map<String, String> attributes) {
    public Host {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(driver, "driver");
        address = address == null || address.isEmpty() ? name : address;
        attributes = java.util.Collections.unmodifiableMap(new TreeMap<>(attributes));
    }
}
