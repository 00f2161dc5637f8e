package org.basket.driver.vmware.internal;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.basket.api.driver.DriverException;

import com.vmware.vim25.ManagedObjectReference;

/**
 * vSphere HA's recovery of a VM whose host vCenter no longer reaches (not responding or disconnected), which vCenter
 * neither relocates nor powers on elsewhere: UnregisterVM, then RegisterVM_Task of the same .vmx under the same name
 * into its datacenter's VM folder, on a host in reach with that host's (or its cluster's) resource pool. The new
 * registration has a new managed object id: the old one stays a name of the VM. A VM unregistered whose register
 * failed is remembered, so that the next start registers it.
 */
final class Reregister {
    private static final long SEEN_MS = 10_000;
    private static final int MAX_FOLDER_DEPTH = 32;

    /** A VM taken out of the inventory and what registers it again. */
    record Unregistered(String name, String instanceUuid, String moid, String vmxPath) {
        boolean answersTo(String id) {
            return id.equals(name) || id.equals(moid) || id.equalsIgnoreCase(String.valueOf(instanceUuid));
        }
    }

    private final Inventory inventory;
    private final BooleanSupplier alive;
    private final Supplier<String> where;
    /** Unregistered, not registered again yet, by name. */
    private final Map<String, Unregistered> pending = new ConcurrentHashMap<>();
    /** A managed object id a VM had before it was registered again -> its name. */
    private final Map<String, String> former = new ConcurrentHashMap<>();
    /** Managed object ids unregistered here: the inventory may show them until vCenter's update arrives. */
    private final Set<String> gone = ConcurrentHashMap.newKeySet();

    Reregister(Inventory inventory, BooleanSupplier alive, Supplier<String> where) {
        this.inventory = inventory;
        this.alive = alive;
        this.where = where;
    }

    Optional<Unregistered> pending(String id) {
        return pending.values().stream().filter(vm -> vm.answersTo(id)).findFirst();
    }

    /** The name of the VM that had this managed object id. */
    Optional<String> renamed(String formerMoid) {
        return Optional.ofNullable(former.get(formerMoid));
    }

    boolean unregistered(String moid) {
        return gone.contains(moid);
    }

    List<String> formerIds(String name) {
        return former.entrySet().stream().filter(e -> e.getValue().equals(name)).map(Map.Entry::getKey).sorted().toList();
    }

    /** Takes the VM out of the inventory; refused while its host is connected (it may run there). */
    Unregistered unregister(Sdk session, Inventory.Entry vm, String lostHost) throws DriverException {
        String step = where.get() + ": VM " + vm.text("name") + ": unregistering it from " + lostHost;
        String hostMoid = vm.text("runtime.host");
        Optional<Inventory.Entry> host = hostMoid == null ? Optional.empty() : inventory.get(hostMoid);
        if (host.isEmpty() || Names.connected(host.get())) {
            throw new DriverException(step + ": refused, its host is " + host.map(h -> h.text("runtime.connectionState")).orElse("unknown"));
        }
        Unregistered lost;
        try {
            Object path = session.property(VmwareEndpoint.ref("VirtualMachine", vm.moid()), "config.files.vmPathName");
            if (!(path instanceof String vmx) || vmx.isBlank()) {
                throw new DriverException(step + ": vCenter gives no .vmx path (config.files.vmPathName)");
            }
            lost = new Unregistered(vm.text("name"), vm.text("config.instanceUuid"), vm.moid(), vmx);
            pending.put(lost.name(), lost);
            session.port.unregisterVM(VmwareEndpoint.ref("VirtualMachine", vm.moid()));
            gone.add(vm.moid());
        } catch (IOException e) {
            throw new DriverException(step + ": " + Sdk.reason(e), e);
        }
        return lost;
    }

    /** Registers the VM on the host in reach (once: one already registered from its .vmx is taken) and waits to see it. */
    Inventory.Entry register(Sdk session, Unregistered vm, Inventory.Entry target, String host) throws DriverException {
        String step = where.get() + ": VM " + vm.name() + ": registering " + vm.vmxPath() + " on " + host;
        String stranded = "; the VM is unregistered: register " + vm.vmxPath() + " by hand, or start it again";
        ManagedObjectReference registered;
        try {
            ManagedObjectReference datacenter = datacenterOf(session, target);
            ManagedObjectReference searchIndex = session.content.getSearchIndex();
            registered = session.port.findByDatastorePath(searchIndex, datacenter, vm.vmxPath());
            if (registered == null) {
                ManagedObjectReference folder = (ManagedObjectReference) session.property(datacenter, "vmFolder");
                ManagedObjectReference pool = (ManagedObjectReference) session.property(
                        (ManagedObjectReference) target.get("parent"), "resourcePool");
                Tasks.run(session, inventory, alive, step, () -> session.port.registerVM_Task(folder, vm.vmxPath(), vm.name(), false,
                        pool, VmwareEndpoint.ref("HostSystem", target.moid())), p -> { });
                registered = session.port.findByDatastorePath(searchIndex, datacenter, vm.vmxPath());
            }
        } catch (IOException | ClassCastException e) {
            throw new DriverException(step + ": " + (e instanceof IOException io ? Sdk.reason(io) : e.toString()) + stranded, e);
        } catch (DriverException e) {
            throw new DriverException(e.getMessage() + stranded, e);
        }
        if (registered == null) {
            throw new DriverException(step + ": the register ended but vCenter finds no VM at that path" + stranded);
        }
        pending.remove(vm.name());
        if (!registered.get_value().equals(vm.moid())) {
            former.put(vm.moid(), vm.name());
        }
        try {
            return inventory.await(registered.get_value(), v -> target.moid().equals(v.text("runtime.host")), SEEN_MS)
                    .orElseThrow(() -> new DriverException(step + ": registered, but not seen on " + host + " within " + SEEN_MS + " ms"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DriverException(step + ": interrupted after the register");
        }
    }

    ManagedObjectReference datacenterOf(Sdk session, Inventory.Entry host) throws IOException, DriverException {
        Object at = host.get("parent");
        for (int depth = 0; depth < MAX_FOLDER_DEPTH && at instanceof ManagedObjectReference ref; depth++) {
            if ("Datacenter".equals(ref.getType())) {
                return ref;
            }
            at = session.property(ref, "parent");
        }
        throw new DriverException(where.get() + ": host " + host.text("name") + " is in no datacenter");
    }
}
