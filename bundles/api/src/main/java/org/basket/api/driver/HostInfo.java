package org.basket.api.driver;

import org.basket.api.model.Capacity;

/** A host as its driver sees it. */
public record HostInfo(String name, Capacity capacity, Capacity free) {
}
