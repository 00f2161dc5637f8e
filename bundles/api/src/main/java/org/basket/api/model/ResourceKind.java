package org.basket.api.model;

public enum ResourceKind {
    /** A virtual machine, placed on a hypervisor host. */
    VIRTUAL_MACHINE,
    /** A service inside a virtual machine, watched by the in-guest agent; runs where its VM runs. */
    GUEST_SERVICE,
    /** A service on a hypervisor host itself. */
    HOST_SERVICE
}
