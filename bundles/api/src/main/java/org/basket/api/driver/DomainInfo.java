package org.basket.api.driver;

import java.util.Objects;

/** A domain (virtual machine) on a host. */
public record DomainInfo(String name, DomainState state) {
    public DomainInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
    }
}
