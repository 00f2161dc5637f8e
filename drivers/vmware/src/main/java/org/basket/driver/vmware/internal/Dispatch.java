package org.basket.driver.vmware.internal;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.basket.api.driver.DomainState;
import org.basket.api.driver.DriverListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.vmware.vim25.ManagedObjectReference;

/**
 * Tells the driver listener what the inventory's updates mean: a VM's power state changed on a host, a VM
 * moved between hosts (gone from one, there on the other), a host's connection to vCenter changed.
 */
final class Dispatch {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatch.class);

    private final Function<String, Optional<String>> basketName;
    private final DriverListener listener;
    private final String endpoint;

    Dispatch(Function<String, Optional<String>> basketName, DriverListener listener, String endpoint) {
        this.basketName = basketName;
        this.listener = listener;
        this.endpoint = endpoint;
    }

    void changed(List<Inventory.Change> changes) {
        for (Inventory.Change change : changes) {
            Inventory.Entry entry = change.entry();
            switch (entry.type() + " " + change.path()) {
                case "VirtualMachine runtime.powerState", "VirtualMachine runtime.connectionState" ->
                        on(entry.text("runtime.host"), host -> listener.domainChanged(host, entry.text("name"), Names.stateOf(entry)));
                case "VirtualMachine runtime.host" -> {
                    if (change.before() instanceof ManagedObjectReference from) {
                        on(from.get_value(), host -> listener.domainChanged(host, entry.text("name"), DomainState.SHUTOFF));
                    }
                    on(entry.text("runtime.host"), host -> listener.domainChanged(host, entry.text("name"), Names.stateOf(entry)));
                }
                case "HostSystem runtime.connectionState" -> on(entry.moid(), host -> listener.hostContact(host, Names.connected(entry),
                        "vCenter reports host " + entry.text("name") + " " + entry.text("runtime.connectionState")));
                case "HostSystem runtime.inMaintenanceMode" -> on(entry.moid(), host -> LOG.info(
                        "VMware driver '{}': host {} ({}) {} maintenance mode", endpoint, host, entry.text("name"),
                        Boolean.TRUE.equals(entry.get("runtime.inMaintenanceMode")) ? "entered" : "left"));
                default -> { }
            }
        }
    }

    private void on(String hostMoid, java.util.function.Consumer<String> action) {
        if (hostMoid != null) {
            basketName.apply(hostMoid).ifPresent(action);
        }
    }
}
