package org.basket.driver.vmware.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.basket.api.driver.DriverException;

import com.vmware.vim25.DistributedVirtualSwitchPortConnection;
import com.vmware.vim25.ManagedObjectReference;
import com.vmware.vim25.VirtualDeviceBackingInfo;
import com.vmware.vim25.VirtualEthernetCardDistributedVirtualPortBackingInfo;
import com.vmware.vim25.VirtualEthernetCardNetworkBackingInfo;

/**
 * ha:vm-create --network on vSphere: the network card backing that connects to a network of the host by name, a
 * standard port group (the network's name and reference) or a distributed port group (its switch's uuid and its key),
 * never a switch's uplink port group.
 */
final class Networks {
    private static final String PORTGROUP = "DistributedVirtualPortgroup";

    private Networks() {
    }

    /** The backing for {@code network}, refused naming the networks the host has when it has no such network. */
    static VirtualDeviceBackingInfo backing(Sdk session, ManagedObjectReference host, String hostName, String network,
                                            String what) throws IOException, DriverException {
        List<String> names = new ArrayList<>();
        for (ManagedObjectReference candidate : Cloning.references(session.property(host, "network"))) {
            ManagedObjectReference vswitch = PORTGROUP.equals(candidate.getType())
                    ? (ManagedObjectReference) session.property(candidate, "config.distributedVirtualSwitch") : null;
            if (vswitch != null && Cloning.references(session.property(vswitch, "config.uplinkPortgroup")).stream()
                    .anyMatch(uplink -> uplink.getVal().equals(candidate.getVal()))) {
                continue; // the switch's uplinks: no VM connects to them
            }
            String name = String.valueOf(session.property(candidate, "name"));
            names.add(name);
            if (!name.equals(network)) {
                continue;
            }
            if (vswitch != null) {
                DistributedVirtualSwitchPortConnection port = new DistributedVirtualSwitchPortConnection();
                port.setSwitchUuid(String.valueOf(session.property(vswitch, "uuid")));
                port.setPortgroupKey(String.valueOf(session.property(candidate, "key")));
                VirtualEthernetCardDistributedVirtualPortBackingInfo backing =
                        new VirtualEthernetCardDistributedVirtualPortBackingInfo();
                backing.setPort(port);
                return backing;
            }
            VirtualEthernetCardNetworkBackingInfo backing = new VirtualEthernetCardNetworkBackingInfo();
            backing.setDeviceName(network);
            backing.setNetwork(candidate);
            return backing;
        }
        throw new DriverException(what + ": host " + hostName + " has no network '" + network + "' (it has: "
                + String.join(", ", names) + ")");
    }
}
