package org.basket.driver.vmware.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.basket.api.driver.DriverException;

import com.vmware.vim25.ArrayOfManagedObjectReference;
import com.vmware.vim25.ArrayOfVirtualDevice;
import com.vmware.vim25.FileNotFound;
import com.vmware.vim25.ManagedObjectReference;
import com.vmware.vim25.VirtualDevice;
import com.vmware.vim25.VirtualDeviceConfigSpec;
import com.vmware.vim25.VirtualDeviceConfigSpecOperation;
import com.vmware.vim25.VirtualDeviceBackingInfo;
import com.vmware.vim25.VirtualDisk;
import com.vmware.vim25.VirtualEthernetCard;
import com.vmware.vim25.VirtualMachineCloneSpec;
import com.vmware.vim25.VirtualMachineConfigSpec;
import com.vmware.vim25.VirtualMachineMovePriority;
import com.vmware.vim25.VirtualMachineRelocateSpec;

/**
 * ha:vm-create on vSphere: CloneVM_Task of a template to the chosen host (RelocateSpec: the host, its resource pool,
 * the datastore; ConfigSpec: CPUs and memory), then ReconfigVM_Task for what the clone does not show yet (the first
 * disk grown to the size asked; the first network card connected to the network asked ({@link Networks}); CPUs or
 * memory a vCenter did not apply). A clone that fails after CloneVM_Task is
 * destroyed (Destroy_Task). Removing a VM is UnregisterVM, then DeleteDatastoreFile_Task of its folder: together what
 * Destroy_Task does, apart so that ha:vm-delete --keep-disk can keep the files.
 */
final class Cloning {
    private static final long KIB = 1024;
    private static final long APPEAR_MS = 10_000;
    private static final Pattern DATASTORE_PATH = Pattern.compile("\\[([^\\]]+)\\] ?(.*)");

    private final Inventory inventory;
    private final BooleanSupplier alive;
    private final Supplier<String> where;
    private final Reregister folders;

    Cloning(Inventory inventory, BooleanSupplier alive, Supplier<String> where, Reregister folders) {
        this.inventory = inventory;
        this.alive = alive;
        this.where = where;
        this.folders = folders;
    }

    /** Returns the clone's folder, "[datastore] name". */
    String clone(Sdk session, Inventory.Entry target, String host, String template, String name, String datastore,
                 int cpus, long memoryMb, long diskBytes, String network, IntConsumer progress) throws DriverException {
        String what = where.get() + ": cloning template " + template + " to " + name + " on " + host;
        Inventory.Entry source = inventory.all("VirtualMachine").stream()
                .filter(vm -> template.equals(vm.text("name")) && Boolean.TRUE.equals(vm.get("config.template")))
                .findFirst().orElseThrow(() -> new DriverException(what + ": vCenter has no template '" + template
                        + "' (a VM marked as template)"));
        if (inventory.all("VirtualMachine").stream().anyMatch(vm -> name.equals(vm.text("name")))) {
            throw new DriverException(what + ": vCenter already has a VM '" + name + "'");
        }
        VirtualDeviceBackingInfo connection;
        try {
            ManagedObjectReference hostRef = VmwareEndpoint.ref("HostSystem", target.moid());
            connection = network.isEmpty() ? null : Networks.backing(session, hostRef, host, network, what);
            if (connection != null && firstCard(session, VmwareEndpoint.ref("VirtualMachine", source.moid())).isEmpty()) {
                throw new DriverException(what + ": template '" + template + "' has no network card to connect to network '"
                        + network + "'");
            }
            ManagedObjectReference store = requireRoom(session, hostRef, host, datastore, diskBytes, what);
            ManagedObjectReference folder = (ManagedObjectReference) session.property(
                    folders.datacenterOf(session, target), "vmFolder");
            VirtualMachineRelocateSpec location = new VirtualMachineRelocateSpec();
            location.setHost(hostRef);
            location.setPool((ManagedObjectReference) session.property((ManagedObjectReference) target.get("parent"),
                    "resourcePool"));
            location.setDatastore(store);
            VirtualMachineConfigSpec config = new VirtualMachineConfigSpec();
            config.setNumCPUs(cpus);
            config.setMemoryMB(memoryMb);
            VirtualMachineCloneSpec spec = new VirtualMachineCloneSpec();
            spec.setLocation(location);
            spec.setConfig(config);
            spec.setPowerOn(false);
            spec.setTemplate(false);
            Tasks.run(session, inventory, alive, what, () -> session.port.cloneVM_Task(
                    VmwareEndpoint.ref("VirtualMachine", source.moid()), folder, name, spec), progress);
        } catch (IOException | ClassCastException e) {
            throw new DriverException(what + ": " + (e instanceof IOException io ? Sdk.reason(io) : e.toString()), e);
        }
        Inventory.Entry clone = appeared(name, what);
        try {
            finish(session, clone, target, host, cpus, memoryMb, diskBytes, connection, what);
            return folderOf(session, clone.moid());
        } catch (DriverException | IOException | RuntimeException e) {
            String reason = e instanceof IOException io ? Sdk.reason(io) : e.getMessage();
            throw new DriverException(what + ": " + reason + "; " + destroy(session, clone, name));
        }
    }

    /** The clone where the scheduler chose, with the CPUs, memory, disk and network asked. */
    private void finish(Sdk session, Inventory.Entry clone, Inventory.Entry target, String host, int cpus,
                        long memoryMb, long diskBytes, VirtualDeviceBackingInfo connection, String what)
            throws DriverException, IOException {
        ManagedObjectReference ref = VmwareEndpoint.ref("VirtualMachine", clone.moid());
        if (!target.moid().equals(clone.text("runtime.host"))) {
            VirtualMachineRelocateSpec move = new VirtualMachineRelocateSpec();
            move.setHost(VmwareEndpoint.ref("HostSystem", target.moid()));
            Tasks.run(session, inventory, alive, what + ": moving the clone to " + host,
                    () -> session.port.relocateVM_Task(ref, move, VirtualMachineMovePriority.defaultPriority), p -> { });
        }
        VirtualMachineConfigSpec change = new VirtualMachineConfigSpec();
        boolean needed = false;
        if (number(clone.get("config.hardware.numCPU")) != cpus || number(clone.get("config.hardware.memoryMB")) != memoryMb) {
            change.setNumCPUs(cpus);
            change.setMemoryMB(memoryMb);
            needed = true;
        }
        Optional<VirtualDisk> disk = devices(session.property(ref, "config.hardware.device")).stream()
                .filter(VirtualDisk.class::isInstance).map(VirtualDisk.class::cast).findFirst();
        if (disk.isEmpty()) {
            throw new DriverException("the template has no disk to grow");
        }
        List<VirtualDeviceConfigSpec> edits = new ArrayList<>();
        if (disk.get().getCapacityInKB() * KIB < diskBytes) {
            disk.get().setCapacityInKB((diskBytes + KIB - 1) / KIB);
            edits.add(edit(disk.get()));
        }
        if (connection != null) {
            VirtualEthernetCard card = firstCard(session, ref).orElseThrow(
                    () -> new DriverException("the clone has no network card"));
            card.setBacking(connection);
            edits.add(edit(card));
        }
        if (!edits.isEmpty()) {
            change.setDeviceChange(edits.toArray(new VirtualDeviceConfigSpec[0]));
            needed = true;
        }
        if (needed) {
            Tasks.run(session, inventory, alive, what + ": reconfiguring the clone",
                    () -> session.port.reconfigVM_Task(ref, change), p -> { });
        }
    }

    private static VirtualDeviceConfigSpec edit(VirtualDevice device) {
        VirtualDeviceConfigSpec edit = new VirtualDeviceConfigSpec();
        edit.setOperation(VirtualDeviceConfigSpecOperation.edit);
        edit.setDevice(device);
        return edit;
    }

    private static Optional<VirtualEthernetCard> firstCard(Sdk session, ManagedObjectReference vm) throws IOException {
        return devices(session.property(vm, "config.hardware.device")).stream()
                .filter(VirtualEthernetCard.class::isInstance).map(VirtualEthernetCard.class::cast).findFirst();
    }

    /** The datastore of the host by name, refused when it has less free space than the disk needs. */
    private ManagedObjectReference requireRoom(Sdk session, ManagedObjectReference hostRef, String host,
                                               String datastore, long bytes, String what)
            throws IOException, DriverException {
        List<String> names = new ArrayList<>();
        for (ManagedObjectReference store : references(session.property(hostRef, "datastore"))) {
            String name = String.valueOf(session.property(store, "name"));
            names.add(name);
            if (name.equals(datastore)) {
                long free = number(session.property(store, "summary.freeSpace"));
                if (free < bytes) {
                    throw new DriverException(what + ": datastore '" + datastore + "' of host " + host + " is full: "
                            + free / (KIB * KIB) + " MiB free, the disk needs " + bytes / (KIB * KIB) + " MiB");
                }
                return store;
            }
        }
        throw new DriverException(what + ": host " + host + " has no datastore '" + datastore + "' (it has: "
                + String.join(", ", names) + ")");
    }

    /** UnregisterVM, then waits until the inventory no longer shows it; the files stay. */
    void unregister(Sdk session, Inventory.Entry vm, String host) throws DriverException {
        String what = where.get() + ": unregistering VM " + vm.text("name") + " on " + host;
        try {
            session.port.unregisterVM(VmwareEndpoint.ref("VirtualMachine", vm.moid()));
        } catch (IOException e) {
            throw new DriverException(what + ": " + Sdk.reason(e), e);
        }
        awaitGone(vm.moid(), what);
    }

    /** DeleteDatastoreFile_Task of "[datastore] path"; false when there is no such file. */
    boolean delete(Sdk session, Inventory.Entry host, String path) throws DriverException {
        String what = where.get() + ": deleting " + path;
        Matcher parts = DATASTORE_PATH.matcher(path);
        if (!parts.matches() || parts.group(2).isBlank() || parts.group(2).contains("..")) {
            throw new DriverException(what + ": not a datastore path of a VM's folder ('[datastore] folder')");
        }
        try {
            ManagedObjectReference datacenter = folders.datacenterOf(session, host);
            Tasks.run(session, inventory, alive, what, () -> session.port.deleteDatastoreFile_Task(
                    session.content.getFileManager(), path, datacenter), p -> { });
            return true;
        } catch (IOException e) {
            if (e instanceof FileNotFound) {
                return false;
            }
            throw new DriverException(what + ": " + Sdk.reason(e), e);
        }
    }

    /** The folder of a VM's files, "[datastore] folder", from its .vmx path. */
    String folderOf(Sdk session, String moid) throws IOException, DriverException {
        Object vmx = session.property(VmwareEndpoint.ref("VirtualMachine", moid), "config.files.vmPathName");
        String path = vmx == null ? "" : vmx.toString();
        int slash = path.lastIndexOf('/');
        if (!DATASTORE_PATH.matcher(path).matches() || slash < 0) {
            throw new DriverException(where.get() + ": VM " + moid + ": no folder in its .vmx path '" + path + "'");
        }
        return path.substring(0, slash);
    }

    private String destroy(Sdk session, Inventory.Entry clone, String name) {
        try {
            Tasks.run(session, inventory, alive, "destroying the clone",
                    () -> session.port.destroy_Task(VmwareEndpoint.ref("VirtualMachine", clone.moid())), p -> { });
            awaitGone(clone.moid(), "destroying the clone");
            return "the clone " + name + " was destroyed";
        } catch (DriverException e) {
            return "the clone " + name + " is LEFT (destroy it by hand): " + e.getMessage();
        }
    }

    private Inventory.Entry appeared(String name, String what) throws DriverException {
        long deadline = System.nanoTime() + APPEAR_MS * 1_000_000;
        while (System.nanoTime() < deadline) {
            Optional<Inventory.Entry> clone = inventory.all("VirtualMachine").stream()
                    .filter(vm -> name.equals(vm.text("name")) && vm.get("runtime.host") != null).findFirst();
            if (clone.isPresent()) {
                return clone.get();
            }
            pause(what);
        }
        throw new DriverException(what + ": the clone task succeeded but no VM '" + name + "' appeared within "
                + APPEAR_MS + " ms");
    }

    private void awaitGone(String moid, String what) throws DriverException {
        long deadline = System.nanoTime() + APPEAR_MS * 1_000_000;
        while (inventory.get(moid).isPresent()) {
            if (System.nanoTime() > deadline) {
                throw new DriverException(what + ": vCenter still shows it after " + APPEAR_MS + " ms");
            }
            pause(what);
        }
    }

    private static void pause(String what) throws DriverException {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DriverException(what + ": interrupted");
        }
    }

    static List<ManagedObjectReference> references(Object value) {
        if (value instanceof ArrayOfManagedObjectReference array && array.getManagedObjectReference() != null) {
            return List.of(array.getManagedObjectReference());
        }
        return value instanceof ManagedObjectReference[] array ? List.of(array) : List.of();
    }

    private static List<VirtualDevice> devices(Object value) {
        if (value instanceof ArrayOfVirtualDevice array && array.getVirtualDevice() != null) {
            return List.of(array.getVirtualDevice());
        }
        return value instanceof VirtualDevice[] array ? List.of(array) : List.of();
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : 0;
    }
}
