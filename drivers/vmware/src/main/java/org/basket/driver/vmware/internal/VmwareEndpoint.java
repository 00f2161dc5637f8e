package org.basket.driver.vmware.internal;

import java.io.IOException;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.basket.api.driver.DomainInfo;
import org.basket.api.driver.DomainState;
import org.basket.api.driver.DriverException;
import org.basket.api.driver.DriverListener;
import org.basket.api.driver.Fencing;
import org.basket.api.driver.HostBinding;
import org.basket.api.driver.HostInfo;
import org.basket.api.driver.HypervisorDriver;
import org.basket.api.driver.LiveMigration;
import org.basket.api.driver.MigrationOptions;
import org.basket.api.driver.Provisioning;
import org.basket.api.driver.StoragePools;
import org.basket.api.driver.TemplateCloning;
import org.basket.api.fence.FenceDevice;
import org.basket.api.model.Capacity;
import org.basket.api.model.HostCondition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.vmware.vim25.ManagedObjectReference;
import com.vmware.vim25.VirtualMachineMovePriority;
import com.vmware.vim25.VirtualMachineRelocateSpec;

/**
 * One vCenter or ESXi endpoint: one session, whose {@link Watcher} keeps the {@link Inventory} current; every
 * host Basket attaches is a host of that inventory (its address: the host's name there or its managed object
 * id), every VM is named by its name, instance UUID or managed object id. A lost session makes every attached
 * host suspect and is logged in again every reconnect interval.
 */
final class VmwareEndpoint implements HypervisorDriver, LiveMigration, Fencing, TemplateCloning, Provisioning, StoragePools {
    private static final Logger LOG = LoggerFactory.getLogger(VmwareEndpoint.class);
    private static final long MIB = 1024 * 1024;
    private static final long FENCE_SETTLE_MS = 3000;

    private final VmwareSettings settings;
    private final URL url;
    private final DriverListener listener;
    private final Inventory inventory = new Inventory();
    /** Basket's host name -> the host's address in the endpoint. */
    private final Map<String, String> attached = new ConcurrentHashMap<>();
    /** VMs leaving a host by vMotion, as "vm-moid@host-moid". */
    private final Set<String> departing = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService reconnects;
    private final ConflictLog conflicts;
    private final Reregister recovery;
    private final Cloning cloning;
    private volatile Sdk sdk;
    private volatile Watcher watcher;
    private volatile String lostReason = "not logged in yet";
    private volatile boolean closed;

    VmwareEndpoint(VmwareSettings settings, URL url, DriverListener listener) {
        this.settings = settings;
        this.url = url;
        this.listener = listener;
        this.conflicts = new ConflictLog(settings.endpoint(), settings.coexist(), inventory);
        this.recovery = new Reregister(inventory, this::alive, this::where);
        this.cloning = new Cloning(inventory, this::alive, this::where, recovery);
        this.reconnects = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "vmware-" + settings.endpoint() + "-reconnect");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Logs in and reads the inventory; fails naming the endpoint. */
    void open() throws DriverException {
        Sdk session = Sdk.login(settings, url);
        try {
            Dispatch dispatch = new Dispatch(this::basketName, listener, settings.endpoint());
            watcher = new Watcher(session, inventory, changes -> {
                dispatch.changed(changes);
                conflicts.report();
            }, this::lost);
        } catch (IOException e) {
            session.logout();
            throw new DriverException(where() + ": cannot read the inventory: " + Sdk.reason(e), e);
        }
        sdk = session;
        lostReason = null;
        conflicts.report();
    }

    @Override
    public List<String> discoverHosts() throws DriverException {
        require();
        return inventory.all("HostSystem").stream().map(host -> host.text("name")).sorted().toList();
    }

    @Override
    public void attach(HostBinding host) throws DriverException {
        require();
        Optional<Inventory.Entry> lookedUp = Names.host(inventory, host.address());
        if (lookedUp.isEmpty()) {
            throw new DriverException(where() + ": host " + host.name() + ": no host '" + host.address()
                    + "' in the inventory (known: " + String.join(", ", discoverHosts()) + ")");
        }
        Inventory.Entry found = lookedUp.get();
        attached.put(host.name(), host.address());
        LOG.info("VMware driver '{}': host {} attached as {} ({})", settings.endpoint(), host.name(), found.text("name"), found.moid());
        if (!Names.connected(found)) {
            throw new DriverException(where() + ": host " + host.name() + " (" + found.text("name") + ") is "
                    + found.text("runtime.connectionState"));
        }
    }

    @Override
    public void detach(String host) {
        attached.remove(host);
    }

    /**
     * A host in vCenter's maintenance mode takes no VMs: it offers Basket no capacity, so nothing is placed there and
     * what still runs there is moved away; that, and vSphere managing the VMs of its cluster, are its conditions.
     */
    @Override
    public HostInfo host(String host) throws DriverException {
        Inventory.Entry entry = connectedHost(host);
        List<HostCondition> conditions = new ArrayList<>();
        conflicts.condition(entry.moid()).ifPresent(conditions::add);
        if (Boolean.TRUE.equals(entry.get("runtime.inMaintenanceMode"))) {
            conditions.add(0, new HostCondition("maintenance", "vCenter has host " + entry.text("name")
                    + " in maintenance mode: it takes no VMs"));
            return new HostInfo(host, Capacity.NONE, Capacity.NONE, conditions);
        }
        long memoryMb = number(entry.get("summary.hardware.memorySize")) / MIB;
        int cpus = (int) number(entry.get("summary.hardware.numCpuThreads"));
        int usedCpus = 0;
        long usedMb = 0;
        for (Inventory.Entry vm : vmsOn(entry.moid())) {
            if (Names.stateOf(vm).isActive()) {
                usedCpus += (int) number(vm.get("config.hardware.numCPU"));
                usedMb += number(vm.get("config.hardware.memoryMB"));
            }
        }
        return new HostInfo(host, new Capacity(cpus, memoryMb), new Capacity(Math.max(0, cpus - usedCpus),
                Math.max(0, memoryMb - usedMb)), conditions);
    }

    @Override
    public List<DomainInfo> domains(String host) throws DriverException {
        Inventory.Entry entry = connectedHost(host);
        List<DomainInfo> result = new ArrayList<>();
        for (Inventory.Entry vm : vmsOn(entry.moid())) {
            DomainState state = state(vm, entry.moid());
            Names.idsOf(vm).forEach(id -> result.add(new DomainInfo(id, state)));
            recovery.formerIds(vm.text("name")).forEach(id -> result.add(new DomainInfo(id, state)));
        }
        return result;
    }

    @Override
    public DomainInfo monitor(String host, String domain) throws DriverException {
        Inventory.Entry entry = connectedHost(host);
        if (findVm(domain).isEmpty() && recovery.pending(domain).isPresent()) {
            return new DomainInfo(domain, DomainState.SHUTOFF);
        }
        Inventory.Entry vm = vm(domain);
        return new DomainInfo(domain, entry.moid().equals(vm.text("runtime.host")) ? state(vm, entry.moid()) : DomainState.SHUTOFF);
    }

    /**
     * Powers the VM on on this host; a stopped VM registered on another host is moved here first (cold migration),
     * or, when vCenter does not reach that host, unregistered there and registered here ({@link Reregister}).
     */
    @Override
    public void start(String host, String domain) throws DriverException {
        Inventory.Entry target = connectedHost(host);
        Optional<Inventory.Entry> registered = findVm(domain);
        if (registered.isEmpty() && recovery.pending(domain).isPresent()) {
            Sdk session = require();
            powerOn(session, recovery.register(session, recovery.pending(domain).get(), target, host), target, domain, host);
            return;
        }
        Inventory.Entry found = vm(domain);
        boolean here = target.moid().equals(found.text("runtime.host"));
        if (Names.stateOf(found).isActive() && here) {
            return;
        }
        refuseIfVsphereManages(found, domain, "start");
        Inventory.Entry vm = Names.stateOf(found).isActive() ? awaitStoppedOnLostHost(found, domain, host) : found;
        Sdk session = require();
        if (!here && onLostHost(vm)) {
            String lostHost = hostName(vm);
            Reregister.Unregistered lost = recovery.unregister(session, vm, lostHost);
            LOG.info("VMware driver '{}': VM {} unregistered from {}, which vCenter does not reach ({})", settings.endpoint(), domain,
                    lostHost, lost.vmxPath());
            powerOn(session, recovery.register(session, lost, target, host), target, domain, host);
            return;
        }
        if (!here) {
            relocate(session, vm, target, "moving stopped VM " + domain + " from " + hostName(vm) + " to " + host, p -> { });
        }
        powerOn(session, vm, target, domain, host);
    }

    private void powerOn(Sdk session, Inventory.Entry vm, Inventory.Entry target, String domain, String host) throws DriverException {
        Tasks.run(session, inventory, this::alive, where() + ": starting VM " + domain + " on " + host,
                () -> session.port.powerOnVM_Task(ref("VirtualMachine", vm.moid()), ref("HostSystem", target.moid())), p -> { });
        LOG.info("VMware driver '{}': VM {} started on {}", settings.endpoint(), domain, host);
    }

    /** Registered on a host vCenter does not reach (not responding, disconnected). */
    private boolean onLostHost(Inventory.Entry vm) {
        String current = vm.text("runtime.host");
        return current != null && inventory.get(current).map(h -> !Names.connected(h)).orElse(false);
    }

    /** The four-layer conflict: unless the operator chose to let them coexist, Basket does not act on a VM vSphere manages. */
    private void refuseIfVsphereManages(Inventory.Entry vm, String domain, String action) throws DriverException {
        Optional<String> conflict = Conflicts.of(inventory, vm);
        if (conflict.isPresent() && !settings.coexist()) {
            throw new DriverException(where() + ": VM " + domain + ": " + conflict.get() + ": Basket does not " + action
                    + " it (key coexistence = refuse; see docs/vmware.md)");
        }
    }

    /**
     * A VM still shown running on a host the endpoint does not reach: the engine asks to start it elsewhere only
     * once that host is fenced, so the fence's effect is given a moment to show; a VM on a host in reach is refused.
     */
    private Inventory.Entry awaitStoppedOnLostHost(Inventory.Entry vm, String domain, String host) throws DriverException {
        String current = vm.text("runtime.host");
        if (current == null || inventory.get(current).map(Names::connected).orElse(false)) {
            throw new DriverException(where() + ": VM " + domain + " runs on " + hostName(vm) + ", not on " + host);
        }
        try {
            return inventory.await(vm.moid(), v -> !Names.stateOf(v).isActive(), FENCE_SETTLE_MS).orElse(vm);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DriverException(where() + ": starting VM " + domain + " on " + host + " was interrupted");
        }
    }

    /** A guest shutdown through VMware Tools when they run, up to {@code grace}; then, or without Tools, power off. */
    @Override
    public void stop(String host, String domain, Duration grace) throws DriverException {
        Inventory.Entry entry = connectedHost(host);
        Optional<Inventory.Entry> known = findVm(domain);
        if (known.isEmpty()) {
            return; // not in the inventory: it runs nowhere, so it is stopped (as an OCF agent's stop is)
        }
        Inventory.Entry vm = known.get();
        if (!entry.moid().equals(vm.text("runtime.host")) || !"poweredOn".equals(vm.text("runtime.powerState"))) {
            return;
        }
        refuseIfVsphereManages(vm, domain, "stop");
        Sdk session = require();
        ManagedObjectReference ref = ref("VirtualMachine", vm.moid());
        if ("guestToolsRunning".equals(vm.text("guest.toolsRunningStatus"))) {
            try {
                session.port.shutdownGuest(ref);
                Optional<Inventory.Entry> after = inventory.await(vm.moid(), v -> !"poweredOn".equals(v.text("runtime.powerState")),
                        grace.toMillis());
                if (after.isPresent() && !"poweredOn".equals(after.get().text("runtime.powerState"))) {
                    LOG.info("VMware driver '{}': VM {} shut down on {}", settings.endpoint(), domain, host);
                    return;
                }
                LOG.info("VMware driver '{}': VM {} on {} did not shut down within {} ms: powering it off", settings.endpoint(),
                        domain, host, grace.toMillis());
            } catch (IOException e) {
                LOG.info("VMware driver '{}': guest shutdown of VM {} refused ({}): powering it off", settings.endpoint(), domain,
                        Sdk.reason(e));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DriverException(where() + ": stopping VM " + domain + " on " + host + " was interrupted");
            }
        }
        Tasks.run(session, inventory, this::alive, where() + ": powering VM " + domain + " off on " + host,
                () -> session.port.powerOffVM_Task(ref), p -> { });
    }

    /** vMotion: RelocateVM_Task to the target host, followed through updates, its progress reported; an interrupt cancels it. */
    @Override
    public void migrate(String domain, String fromHost, String toHost, MigrationOptions options) throws DriverException {
        Inventory.Entry source = connectedHost(fromHost);
        Inventory.Entry target = connectedHost(toHost);
        Inventory.Entry vm = vm(domain);
        if (!source.moid().equals(vm.text("runtime.host")) || Names.stateOf(vm) != DomainState.RUNNING) {
            throw new DriverException(where() + ": VM " + domain + " does not run on " + fromHost);
        }
        refuseIfVsphereManages(vm, domain, "migrate");
        String key = vm.moid() + "@" + source.moid();
        departing.add(key);
        try {
            relocate(require(), vm, target, "migrating VM " + domain + " from " + fromHost + " to " + toHost,
                    percent -> options.progress().accept(percent + "% (vMotion of " + domain + " to " + toHost + ")"));
        } finally {
            departing.remove(key);
        }
        LOG.info("VMware driver '{}': VM {} migrated from {} to {}", settings.endpoint(), domain, fromHost, toHost);
    }

    /** Fencing through vCenter ({@link VcenterFence}); a host not attached is looked up by its Basket name. */
    @Override
    public FenceDevice fenceDevice(String host) {
        String address = attached.getOrDefault(host, host);
        return new VcenterFence(host, new VcenterFence.Access() {
            @Override
            public Inventory.Entry host() throws DriverException {
                require();
                return Names.host(inventory, address).orElseThrow(() -> new DriverException(where() + ": host " + host
                        + ": no host '" + address + "' in the inventory"));
            }

            @Override
            public List<Inventory.Entry> vms(Inventory.Entry entry) {
                return vmsOn(entry.moid());
            }

            @Override
            public void powerOff(Inventory.Entry vm) throws DriverException {
                Sdk session = require();
                Tasks.run(session, inventory, VmwareEndpoint.this::alive, where() + ": fencing host " + host + ": powering VM "
                        + vm.text("name") + " off", () -> session.port.powerOffVM_Task(ref("VirtualMachine", vm.moid())), p -> { });
                try {
                    inventory.await(vm.moid(), v -> !Names.stateOf(v).isActive(), FENCE_SETTLE_MS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new DriverException(where() + ": fencing host " + host + " was interrupted");
                }
            }
        }, this::where);
    }

    /** ha:vm-create from a vSphere template ({@link Cloning}): the pool is a datastore of the host. */
    @Override
    public String cloneTemplate(String host, String template, String domain, String pool, int cpus, long memoryMb,
                                long diskBytes, java.util.function.IntConsumer progress) throws DriverException {
        return cloneTemplate(host, template, domain, pool, cpus, memoryMb, diskBytes, "", progress);
    }

    /** As above, the clone's first network card connected to {@code network} of the host (empty: the template's). */
    @Override
    public String cloneTemplate(String host, String template, String domain, String pool, int cpus, long memoryMb,
                                long diskBytes, String network, java.util.function.IntConsumer progress)
            throws DriverException {
        Inventory.Entry target = connectedHost(host);
        String folder = cloning.clone(require(), target, host, template, domain, pool, cpus, memoryMb, diskBytes,
                network, progress);
        LOG.info("VMware driver '{}': VM {} cloned from template {} on {}, files {}", settings.endpoint(), domain, template,
                host, folder);
        return folder;
    }

    /** vSphere VMs are not defined from a definition of Basket's: they are cloned from a template. */
    @Override
    public String define(String host, String definition) throws DriverException {
        throw new DriverException(where() + ": a vSphere VM is cloned from a template, not defined: give the template as "
                + "etc/templates/<name>.cfg without a .xml");
    }

    /** UnregisterVM: the VM leaves the inventory, its files stay (deleted by {@link #deleteAt}, or kept). */
    @Override
    public void undefine(String host, String domain) throws DriverException {
        connectedHost(host);
        cloning.unregister(require(), vm(domain), host);
    }

    @Override
    public String allocate(String host, String pool, String volume, long bytes) throws DriverException {
        throw new DriverException(where() + ": a vSphere VM's disk comes with the clone of its template (datastore '" + pool
                + "'): give the template as etc/templates/<name>.cfg without a .xml");
    }

    @Override
    public boolean delete(String host, String pool, String volume) throws DriverException {
        return deleteAt(host, "[" + pool + "] " + volume);
    }

    /** DeleteDatastoreFile_Task of a VM's folder "[datastore] folder", as {@link #disks} and the clone give it. */
    @Override
    public boolean deleteAt(String host, String path) throws DriverException {
        return cloning.delete(require(), connectedHost(host), path);
    }

    /** The folder of the VM's files: what deleting its disks deletes. */
    @Override
    public List<String> disks(String host, String domain) throws DriverException {
        connectedHost(host);
        try {
            return List.of(cloning.folderOf(require(), vm(domain).moid()));
        } catch (IOException e) {
            throw new DriverException(where() + ": VM " + domain + ": " + Sdk.reason(e), e);
        }
    }

    private void relocate(Sdk session, Inventory.Entry vm, Inventory.Entry target, String what, java.util.function.IntConsumer progress)
            throws DriverException {
        VirtualMachineRelocateSpec spec = new VirtualMachineRelocateSpec();
        spec.setHost(ref("HostSystem", target.moid()));
        Tasks.run(session, inventory, this::alive, where() + ": " + what,
                () -> session.port.relocateVM_Task(ref("VirtualMachine", vm.moid()), spec, VirtualMachineMovePriority.defaultPriority),
                progress);
    }

    @Override
    public void close() {
        closed = true;
        reconnects.shutdownNow();
        Watcher current = watcher;
        if (current != null) {
            current.close();
        }
        Sdk session = sdk;
        sdk = null;
        if (session != null) {
            session.logout();
        }
    }

    private void lost(String reason) {
        if (closed) {
            return;
        }
        sdk = null;
        lostReason = reason;
        inventory.wakeAll();
        attached.keySet().forEach(host -> listener.hostContact(host, false, "no session with " + settings.url() + ": " + reason));
        reconnects.schedule(this::reconnect, settings.reconnectInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void reconnect() {
        if (closed) {
            return;
        }
        try {
            open();
            LOG.info("VMware driver '{}': logged in again to {}", settings.endpoint(), settings.url());
            for (Map.Entry<String, String> host : attached.entrySet()) {
                Names.host(inventory, host.getValue()).filter(Names::connected)
                        .ifPresent(entry -> listener.hostContact(host.getKey(), true, "session with " + settings.url() + " back"));
            }
        } catch (DriverException e) {
            lostReason = e.getMessage();
            reconnects.schedule(this::reconnect, settings.reconnectInterval().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private boolean alive() {
        return sdk != null && !closed;
    }

    private Sdk require() throws DriverException {
        Sdk session = sdk;
        if (closed) {
            throw new DriverException(where() + ": the endpoint is closed");
        }
        if (session == null) {
            throw new DriverException(where() + ": no session: " + lostReason);
        }
        return session;
    }

    private Inventory.Entry connectedHost(String host) throws DriverException {
        require();
        String address = attached.get(host);
        if (address == null) {
            throw new DriverException("host " + host + " is not attached to VMware driver '" + settings.endpoint() + "'");
        }
        Inventory.Entry entry = Names.host(inventory, address)
                .orElseThrow(() -> new DriverException(where() + ": host " + host + ": '" + address + "' left the inventory"));
        if (!Names.connected(entry)) {
            throw new DriverException(where() + ": host " + host + " (" + entry.text("name") + ") is " + entry.text("runtime.connectionState"));
        }
        return entry;
    }

    /** A VM by its name, instance UUID or managed object id, also one it had before it was registered again. */
    private Optional<Inventory.Entry> findVm(String domain) {
        return Names.vm(inventory, domain, recovery::unregistered)
                .or(() -> recovery.renamed(domain).flatMap(name -> Names.vm(inventory, name, recovery::unregistered)));
    }

    private Inventory.Entry vm(String domain) throws DriverException {
        return findVm(domain).orElseThrow(() -> new DriverException(where() + ": no VM '" + domain
                + "' (by name, instance UUID or managed object id)"));
    }

    private List<Inventory.Entry> vmsOn(String hostMoid) {
        return inventory.all("VirtualMachine").stream().filter(vm -> hostMoid.equals(vm.text("runtime.host"))
                && !Boolean.TRUE.equals(vm.get("config.template")) && !recovery.unregistered(vm.moid())).toList();
    }

    private DomainState state(Inventory.Entry vm, String hostMoid) {
        DomainState state = Names.stateOf(vm);
        return state.isActive() && departing.contains(vm.moid() + "@" + hostMoid) ? DomainState.MIGRATING : state;
    }

    /** Basket's name of a host of the inventory, if attached. */
    private Optional<String> basketName(String hostMoid) {
        Optional<Inventory.Entry> host = inventory.get(hostMoid);
        return attached.entrySet().stream().filter(e -> e.getValue().equals(hostMoid)
                || host.isPresent() && e.getValue().equals(host.get().text("name"))).map(Map.Entry::getKey).findFirst();
    }

    private String hostName(Inventory.Entry vm) {
        String moid = vm.text("runtime.host");
        return moid == null ? "no host" : basketName(moid).orElse(inventory.get(moid).map(h -> h.text("name")).orElse(moid));
    }

    private String where() {
        return "driver '" + settings.endpoint() + "' (" + settings.url() + ")";
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : 0;
    }

    static ManagedObjectReference ref(String type, String moid) {
        ManagedObjectReference ref = new ManagedObjectReference();
        ref.setType(type);
        ref.set_value(moid);
        return ref;
    }
}
