package org.basket.driver.vmware.internal;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.basket.api.driver.DomainState;

/** How hosts and VMs of the inventory are named and what their vSphere states mean to Basket. */
final class Names {
    private Names() {
    }

    /** A host by its name in the endpoint or its managed object id ({@code host-21}). */
    static Optional<Inventory.Entry> host(Inventory inventory, String address) {
        return find(inventory.all("HostSystem"), address);
    }

    /** A VM by its name, instance UUID or managed object id ({@code vm-42}); templates are no VMs to run. */
    static Optional<Inventory.Entry> vm(Inventory inventory, String id) {
        return vm(inventory, id, moid -> false);
    }

    /** As {@link #vm(Inventory, String)}, without the VMs whose managed object id is {@code gone}. */
    static Optional<Inventory.Entry> vm(Inventory inventory, String id, Predicate<String> gone) {
        return find(inventory.all("VirtualMachine").stream().filter(vm -> !Boolean.TRUE.equals(vm.get("config.template"))
                && !gone.test(vm.moid())).toList(), id);
    }

    private static Optional<Inventory.Entry> find(List<Inventory.Entry> entries, String id) {
        return entries.stream().filter(e -> e.moid().equals(id) || id.equals(e.text("name")) || id.equalsIgnoreCase(
                String.valueOf(e.text("config.instanceUuid")))).findFirst();
    }

    /** The names a VM answers to: name, instance UUID, managed object id. */
    static Stream<String> idsOf(Inventory.Entry vm) {
        return Stream.of(vm.text("name"), vm.text("config.instanceUuid"), vm.moid()).filter(id -> id != null && !id.isEmpty())
                .distinct();
    }

    /** A VM's state: powered on runs; suspended may resume (paused); a VM vCenter cannot see is unknown, so may run. */
    static DomainState stateOf(Inventory.Entry vm) {
        String connection = vm.text("runtime.connectionState");
        if (connection != null && !connection.equals("connected")) {
            return DomainState.UNKNOWN;
        }
        String power = String.valueOf(vm.text("runtime.powerState"));
        return switch (power) {
            case "poweredOn" -> DomainState.RUNNING;
            case "poweredOff" -> DomainState.SHUTOFF;
            case "suspended" -> DomainState.PAUSED;
            default -> DomainState.UNKNOWN;
        };
    }

    static boolean connected(Inventory.Entry host) {
        return "connected".equals(host.text("runtime.connectionState"));
    }
}
