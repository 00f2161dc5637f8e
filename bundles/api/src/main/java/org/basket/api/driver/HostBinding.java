package org.basket.api.driver;

import java.util.Map;
import java.util.Objects;

/**
 * What a driver needs to manage one host.
 *
 * @param name       Basket's name of the host
 * @param address    the driver-specific address: a libvirt URI, a host name in vCenter, ...
 * @param attributes the host's configured labels
 */
public record HostBinding(String name, String address, Map<String, String> attributes) {
    public HostBinding {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
        attributes = Map.copyOf(attributes);
    }
}
