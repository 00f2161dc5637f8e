package org.basket.core.provision;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.basket.api.cluster.ClusterService;
import org.basket.api.cluster.ClusterSnapshot;
import org.basket.api.cluster.EventKind;
import org.basket.api.cluster.ProvisioningException;
import org.basket.api.cluster.SimulationEvent;
import org.basket.api.cluster.SimulationResult;
import org.basket.api.cluster.VmProvisioning;
import org.basket.api.cluster.VmRequest;
import org.basket.api.driver.DriverException;
import org.basket.api.driver.HypervisorDriver;
import org.basket.api.driver.Provisioning;
import org.basket.api.driver.StoragePools;
import org.basket.api.driver.TemplateCloning;
import org.basket.api.model.Host;
import org.basket.api.model.HostState;
import org.basket.api.model.Resource;
import org.basket.api.model.ResourceStatus;
import org.basket.core.EventLog;
import org.basket.core.provision.ProvisionRecord.Operation;
import org.basket.core.provision.ProvisionRecord.Step;

/**
 * ha:vm-create and ha:vm-delete: a VM with its disk, its domain and its resource configuration made or removed in one
 * step. Create: choose the host -> allocate the disk -> define the domain -> write the configuration -> wait until the
 * engine runs it; a failure undoes the steps done, in reverse order. Each step is journaled before it acts: after a
 * crash, {@link #recover} completes a create whose configuration was written (the VM is then an HA resource like any
 * other) and undoes one that had not got that far; it completes an interrupted delete. One operation at a time.
 */
public final class Provisioner implements VmProvisioning {
    /** Gives the driver endpoint of a host. */
    @FunctionalInterface
    public interface Drivers {
        HypervisorDriver of(String host) throws DriverException;
    }

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    /** What a --on host is preferred by: above stickiness and balance, below a mandatory rule; lost, it is left. */
    static final String ON_HOST_SCORE = "1000";

    private final ClusterService cluster;
    private final Drivers drivers;
    private final EventLog events;
    private final Path etc;
    private final ProvisionJournal journal;
    private final Supplier<Duration> startWait;
    private final BooleanSupplier acting;
    private final Teardown teardown;
    private final ReentrantLock busy = new ReentrantLock();
    private volatile Thread recovery;

    public Provisioner(ClusterService cluster, Drivers drivers, EventLog events, Path etc, Path journalDir,
                       Supplier<Duration> startWait, BooleanSupplier acting) {
        this.cluster = cluster;
        this.drivers = drivers;
        this.events = events;
        this.etc = etc;
        this.journal = new ProvisionJournal(journalDir);
        this.startWait = startWait;
        this.acting = acting;
        this.teardown = new Teardown(cluster, drivers, etc, startWait);
    }

    @Override
    public String create(VmRequest request, Consumer<String> progress) throws ProvisioningException {
        busy.lock();
        try {
            return createLocked(request, progress);
        } finally {
            busy.unlock();
        }
    }

    @Override
    public void delete(String name, boolean keepDisks, Consumer<String> progress) throws ProvisioningException {
        busy.lock();
        try {
            deleteLocked(name, keepDisks, progress);
        } finally {
            busy.unlock();
        }
    }

    /**
     * Finishes what a crash or a failed undo left: a create whose configuration was written is complete, any other
     * create is undone, a delete is completed. What cannot be done yet (a host not attached) is tried again on the
     * next call. Skipped while an operation runs.
     *
     * @return one line per operation finished
     */
    public List<String> recover() {
        if (!acting.getAsBoolean() || !busy.tryLock()) {
            return List.of();
        }
        try {
            List<String> unreadable = new ArrayList<>();
            List<String> done = new ArrayList<>();
            for (ProvisionRecord record : journal.pending(unreadable)) {
                recoverOne(record).ifPresent(done::add);
            }
            unreadable.forEach(u -> events.entry(EventKind.JOURNAL, "provisioning journal: unreadable, left as is: " + u)
                    .error());
            return done;
        } finally {
            busy.unlock();
        }
    }

    /** Runs {@link #recover} every {@code interval} on a thread of its own, until {@link #close}. */
    public void recoverEvery(Duration interval) {
        Thread thread = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    recover();
                    Thread.sleep(interval.toMillis());
                } catch (InterruptedException | IllegalStateException e) {
                    return;
                }
            }
        }, "basket-provisioning-recovery");
        thread.setDaemon(true);
        recovery = thread;
        thread.start();
    }

    public void close() {
        Thread thread = recovery;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // ---- create ----

    private String createLocked(VmRequest request, Consumer<String> progress) throws ProvisioningException {
        String name = request.name();
        requireName("VM", name);
        ClusterSnapshot snapshot = cluster.snapshot();
        if (snapshot.config().resources().containsKey(name) || Files.exists(resourceFile(name))) {
            throw new IllegalArgumentException("a resource '" + name + "' is already configured");
        }
        if (journal.has(name)) {
            throw new IllegalArgumentException("an earlier vm-create or vm-delete of '" + name
                    + "' is still being finished (see ha:events)");
        }
        Template template = Template.load(etc, request.template());
        TemplateConfig settings = template.settings();
        int cpus = request.cpus() > 0 ? request.cpus() : settings.cpus();
        long memoryMb = request.memoryMb() > 0 ? request.memoryMb() : settings.memory_mb();
        long diskBytes = request.diskBytes() > 0 ? request.diskBytes() : Sizes.parse(settings.disk_size());
        String network = request.network().isEmpty() ? settings.network() : request.network();

        String host = chooseHost(name, request.host(), cpus, memoryMb, snapshot, progress);
        Host chosen = snapshot.config().hosts().get(host);
        if (!settings.driver().isEmpty() && !settings.driver().equals(chosen.driver())) {
            throw new IllegalArgumentException("template '" + template.name() + "' is for driver endpoint '"
                    + settings.driver() + "', host " + host + " is of '" + chosen.driver() + "'");
        }
        HypervisorDriver driver = requireDriver(host);
        StoragePools pools = driver.capability(StoragePools.class).orElseThrow(() -> new IllegalArgumentException(
                "the driver of host " + host + " cannot allocate disks in storage pools"));
        Provisioning definitions = driver.capability(Provisioning.class).orElseThrow(() -> new IllegalArgumentException(
                "the driver of host " + host + " cannot define domains"));
        TemplateCloning cloning = !template.cloned() ? null : driver.capability(TemplateCloning.class).orElseThrow(
                () -> new IllegalArgumentException("template '" + template.name() + "' has no definition "
                        + template.name() + ".xml, and the driver of host " + host + " cannot clone a template"));
        requireNoDomain(driver, host, name);

        ProvisionRecord record = new ProvisionRecord(Operation.CREATE, name, host, chosen.driver(), settings.pool(),
                name + ".img");
        event("vm-create " + name + " on " + host + " from template " + template.name() + " began", name, host).info();
        String step = cloning != null ? "cloning its template" : "allocating its disk";
        try {
            save(record);
            if (cloning != null) {
                clone(cloning, record, template, cpus, memoryMb, diskBytes, request.network(), progress);
            } else {
                progress.accept("allocating a " + Sizes.describe(diskBytes) + " disk in pool " + settings.pool()
                        + " on " + host);
                record.diskPath = pools.allocate(host, settings.pool(), record.volume, diskBytes);
                progress.accept("disk " + record.diskPath + " allocated");

                step = "defining its domain";
                record.step = Step.DOMAIN;
                save(record);
                progress.accept("defining domain " + name + " on " + host);
                String xml = template.render(Map.of("name", name, "cpus", Integer.toString(cpus), "memory.mb",
                        Long.toString(memoryMb), "memory.kib", Long.toString(memoryMb * 1024), "disk.path",
                        record.diskPath, "network", network));
                String defined = definitions.define(host, xml);
                if (!defined.equals(name)) {
                    undefineQuietly(definitions, host, defined);
                    throw new DriverException("template '" + template.name() + "' defines domain '" + defined
                            + "', not the VM's name: its <name> must be ${name}");
                }
                progress.accept("domain " + name + " defined on " + host);
            }

            step = "writing its configuration";
            record.step = Step.CONFIG;
            record.files.add(resourceFile(name).getFileName().toString());
            if (!request.host().isEmpty()) {
                record.files.add(onHostFile(name, host).getFileName().toString());
            }
            save(record);
            writeConfig(record, template, cpus, memoryMb, settings, !request.host().isEmpty());
            progress.accept("configuration " + String.join(", ", record.files) + " written");

            step = "starting it";
            String runsOn = awaitStart(name, progress);
            journal.remove(name);
            event("vm-create " + name + ": runs on " + runsOn, name, runsOn).info();
            return runsOn;
        } catch (DriverException | IOException | ProvisioningFailure e) {
            String reason = e instanceof DriverException || e instanceof ProvisioningFailure ? e.getMessage()
                    : "journal: " + e;
            progress.accept(step + " failed: " + reason + "; undoing");
            List<String> left = undo(record, progress);
            String message = "vm-create " + name + " failed " + step + ": " + reason + "; "
                    + (left.isEmpty() ? "everything done before was undone" : "NOT undone yet (retried): "
                    + String.join("; ", left));
            event(message, name, host).error();
            throw new ProvisioningException(message);
        }
    }

    /**
     * The clone stands for both the disk and the domain: journaled as the domain step, its files as the disk. Only
     * --network connects it to a network (empty: the template's); the .cfg's network is the definition's ${network}.
     */
    private void clone(TemplateCloning cloning, ProvisionRecord record, Template template, int cpus, long memoryMb,
                       long diskBytes, String network, Consumer<String> progress) throws DriverException, IOException {
        record.step = Step.DOMAIN;
        save(record);
        progress.accept("cloning template " + template.name() + " to " + record.name + " on " + record.host + " ("
                + cpus + " CPUs, " + memoryMb + " MB, disk of at least " + Sizes.describe(diskBytes)
                + (network.isEmpty() ? "" : ", network " + network) + ") in " + record.pool);
        record.diskPath = cloning.cloneTemplate(record.host, template.name(), record.name, record.pool, cpus, memoryMb,
                diskBytes, network, percent -> progress.accept(percent + "% (clone of " + template.name() + ")"));
        save(record);
        progress.accept(record.name + " cloned on " + record.host + ": files " + record.diskPath);
    }

    private String chooseHost(String name, String wanted, int cpus, long memoryMb, ClusterSnapshot snapshot,
                              Consumer<String> progress) {
        if (!wanted.isEmpty()) {
            if (!snapshot.config().hosts().containsKey(wanted)) {
                throw new IllegalArgumentException("unknown host '" + wanted + "' (configured: "
                        + String.join(", ", new java.util.TreeSet<>(snapshot.config().hosts().keySet())) + ")");
            }
            HostState state = snapshot.state().hostState(wanted);
            if (state != HostState.ONLINE) {
                throw new IllegalArgumentException("host " + wanted + " is " + state + ", not online");
            }
            progress.accept("host " + wanted + " (--on)");
            return wanted;
        }
        SimulationResult placed = cluster.simulate(List.of(new SimulationEvent.AddVm(name, cpus, memoryMb)));
        String host = placed.after().getOrDefault(name, "");
        if (host.isEmpty()) {
            throw new IllegalArgumentException("no host can run " + name + " (" + cpus + " CPUs, " + memoryMb + " MB): "
                    + String.join("; ", placed.transition().notes()));
        }
        progress.accept("host " + host + " (the scheduler's choice)");
        return host;
    }

    private void writeConfig(ProvisionRecord record, Template template, int cpus, long memoryMb,
                             TemplateConfig settings, boolean onHost) throws IOException {
        if (onHost) {
            write(onHostFile(record.name, record.host), "# made by ha:vm-create --on " + record.host,
                    "type = location", "resource = " + record.name, "host = " + record.host,
                    "score = " + ON_HOST_SCORE);
        }
        write(resourceFile(record.name), "# made by ha:vm-create from template " + template.name() + "; disk "
                        + record.diskPath, "kind = vm", "driver = " + record.endpoint, "cpus = " + cpus,
                "memory.mb = " + memoryMb, "migratable = " + settings.migratable(), "priority = " + settings.priority());
    }

    private String awaitStart(String name, Consumer<String> progress) throws ProvisioningFailure {
        Duration wait = startWait.get();
        progress.accept("waiting up to " + wait.toSeconds() + " s for the engine to start " + name);
        long deadline = System.nanoTime() + wait.toNanos();
        String lastReason = "";
        while (System.nanoTime() < deadline) {
            ClusterSnapshot snapshot = cluster.snapshot();
            Optional<String> problem = snapshot.problems().stream()
                    .filter(p -> p.source().contains(resourceFile(name).getFileName().toString()))
                    .map(p -> p.source() + ": " + p.reason()).findFirst();
            if (problem.isPresent()) {
                throw new ProvisioningFailure("its configuration was refused: " + problem.get());
            }
            ResourceStatus status = snapshot.config().resources().containsKey(name)
                    ? snapshot.state().resource(name) : null;
            if (status != null && status.activeOn().size() == 1) {
                progress.accept(name + " runs on " + status.activeOn().get(0));
                return status.activeOn().get(0);
            }
            String reason = snapshot.reasons().getOrDefault(name, "");
            if (!reason.isEmpty() && !reason.equals(lastReason)) {
                progress.accept("not started yet: " + reason);
                lastReason = reason;
            }
            Teardown.pause();
        }
        throw new ProvisioningFailure("the engine did not start it within " + wait.toSeconds() + " s"
                + (lastReason.isEmpty() ? "" : " (" + lastReason + ")"));
    }

    // ---- undo and recovery ----

    /** Undoes a create's steps in reverse order; returns what could not be undone (the record is then kept). */
    private List<String> undo(ProvisionRecord record, Consumer<String> progress) {
        List<String> left = new ArrayList<>();
        if (record.step == Step.CONFIG) {
            teardown.removeConfig(record, progress, left);
        }
        if (left.isEmpty() && record.step == Step.DOMAIN && record.diskPath.isEmpty()) {
            recordFilesOfClone(record, left);
        }
        if (left.isEmpty() && record.step.compareTo(Step.DOMAIN) >= 0) {
            teardown.undefineEverywhere(record, progress, left);
        }
        if (left.isEmpty() && !record.diskPath.isEmpty()) {
            try {
                StoragePools pools = driver(record.host).capability(StoragePools.class).orElseThrow();
                if (pools.deleteAt(record.host, record.diskPath)) {
                    progress.accept("disk " + record.diskPath + " deleted");
                }
            } catch (DriverException | RuntimeException e) {
                left.add("disk " + record.diskPath + " on " + record.host + ": " + e.getMessage());
            }
        }
        finish(record, left);
        return left;
    }

    /** A clone that failed or was interrupted before its files were known: their path, if it was made. */
    private void recordFilesOfClone(ProvisionRecord record, List<String> left) {
        try {
            HypervisorDriver driver = driver(record.host);
            if (driver.domains(record.host).stream().anyMatch(d -> d.name().equals(record.name))) {
                List<String> disks = driver.capability(StoragePools.class).orElseThrow()
                        .disks(record.host, record.name);
                record.diskPath = disks.isEmpty() ? "" : disks.get(0);
                journal.save(record);
            }
        } catch (DriverException | IOException | RuntimeException e) {
            left.add("domain " + record.name + " on " + record.host + ": " + e.getMessage());
        }
    }

    private Optional<String> recoverOne(ProvisionRecord record) {
        List<String> left;
        String outcome;
        if (record.operation == Operation.CREATE && record.step == Step.CONFIG && Files.exists(resourceFile(record.name))) {
            left = List.of();
            outcome = "vm-create " + record.name + " completed after an interruption: its configuration was written, "
                    + "it is an HA resource";
            finish(record, left);
        } else if (record.operation == Operation.CREATE) {
            left = undo(record, line -> { });
            outcome = "vm-create " + record.name + " interrupted before its configuration was written: undone";
        } else {
            left = completeDelete(record, line -> { });
            outcome = "vm-delete " + record.name + " completed after an interruption";
        }
        if (!left.isEmpty()) {
            return Optional.empty();
        }
        event(outcome, record.name, record.host).warn();
        return Optional.of(outcome);
    }

    private void finish(ProvisionRecord record, List<String> left) {
        try {
            if (left.isEmpty()) {
                journal.remove(record.name);
            } else {
                save(record);
            }
        } catch (IOException e) {
            left.add("journal: " + e.getMessage());
        }
    }

    // ---- delete ----

    private void deleteLocked(String name, boolean keepDisks, Consumer<String> progress) throws ProvisioningException {
        ClusterSnapshot snapshot = cluster.snapshot();
        Resource resource = snapshot.config().resources().get(name);
        if (resource == null) {
            throw new IllegalArgumentException("unknown resource '" + name + "'");
        }
        if (!Files.exists(resourceFile(name))) {
            throw new IllegalArgumentException("resource " + name + " is not defined by " + resourceFile(name));
        }
        List<String> hosts = Teardown.hostsOf(snapshot, "");
        ProvisionRecord record = new ProvisionRecord(Operation.DELETE, name, hosts.isEmpty() ? "-" : hosts.get(0), "",
                "", "");
        record.files.add(resourceFile(name).getFileName().toString());
        try (var others = Files.newDirectoryStream(etc, "org.basket.constraint-" + name + "-on-*.cfg")) {
            others.forEach(f -> record.files.add(f.getFileName().toString()));
        } catch (IOException e) {
            throw new IllegalArgumentException(etc + ": " + e.getMessage());
        }
        if (!keepDisks) {
            record.disks.addAll(teardown.disksOf(resource.domain(), hosts));
        }
        event("vm-delete " + name + " began" + (keepDisks ? " (disks kept)" : ""), name, null).info();
        try {
            save(record);
        } catch (IOException e) {
            throw new ProvisioningException("vm-delete " + name + ": journal: " + e.getMessage() + "; nothing done");
        }
        List<String> left = completeDelete(record, progress);
        if (!left.isEmpty()) {
            String message = "vm-delete " + name + ": not done yet (retried): " + String.join("; ", left);
            event(message, name, null).error();
            throw new ProvisioningException(message);
        }
        event("vm-delete " + name + " done", name, null).info();
    }

    private List<String> completeDelete(ProvisionRecord record, Consumer<String> progress) {
        List<String> left = new ArrayList<>();
        teardown.removeConfig(record, progress, left);
        if (left.isEmpty()) {
            teardown.undefineEverywhere(record, progress, left);
        }
        if (left.isEmpty()) {
            for (String disk : record.disks) {
                teardown.deleteDisk(record, disk, progress, left);
            }
        }
        finish(record, left);
        return left;
    }

    private void requireNoDomain(HypervisorDriver driver, String host, String name) {
        try {
            if (driver.domains(host).stream().anyMatch(d -> d.name().equals(name))) {
                throw new IllegalArgumentException("host " + host + " already has a domain '" + name + "'");
            }
        } catch (DriverException e) {
            throw new IllegalArgumentException("host " + host + ": " + e.getMessage());
        }
    }

    private HypervisorDriver requireDriver(String host) {
        try {
            return drivers.of(host);
        } catch (DriverException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    private HypervisorDriver driver(String host) throws DriverException {
        return drivers.of(host);
    }

    private static void undefineQuietly(Provisioning definitions, String host, String domain) {
        try {
            definitions.undefine(host, domain);
        } catch (DriverException e) {
            // the failure reported names the template; this domain was not Basket's to keep
        }
    }

    private void save(ProvisionRecord record) throws IOException {
        journal.save(record);
    }

    private Path resourceFile(String name) {
        return etc.resolve("org.basket.resource-" + name + ".cfg");
    }

    private Path onHostFile(String name, String host) {
        return etc.resolve("org.basket.constraint-" + name + "-on-" + host + ".cfg");
    }

    private void write(Path file, String... lines) throws IOException {
        Path aside = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(aside, String.join("\n", lines) + "\n");
        Files.move(aside, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private EventLog.Entry event(String message, String resource, String host) {
        EventLog.Entry entry = events.entry(EventKind.HOST_OPERATOR, message).resource(resource);
        return host == null ? entry : entry.host(host);
    }

    private static void requireName(String kind, String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(kind + " name '" + name + "': letters, digits, '_', '.', '-', at most 64");
        }
    }

    /** A step that failed without a driver error. */
    static final class ProvisioningFailure extends Exception {
        private static final long serialVersionUID = 1L;

        ProvisioningFailure(String message) {
            super(message);
        }
    }
}
