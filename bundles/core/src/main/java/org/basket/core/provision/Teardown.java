package org.basket.core.provision;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.basket.api.cluster.ClusterService;
import org.basket.api.cluster.ClusterSnapshot;
import org.basket.api.driver.DomainInfo;
import org.basket.api.driver.DriverException;
import org.basket.api.driver.HypervisorDriver;
import org.basket.api.driver.Provisioning;
import org.basket.api.driver.StoragePools;
import org.basket.api.model.Host;
import org.basket.api.model.HostState;
import org.basket.api.model.ResourceStatus;
import org.basket.core.provision.ProvisionRecord.Operation;
import org.basket.core.provision.ProvisionRecord.Step;

/**
 * What undoing a create and doing a delete share: the configuration removed (and the engine's stop awaited), the
 * domain stopped and undefined where it is defined, disks deleted. Each adds what it could not do to {@code left}.
 */
final class Teardown {
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final ClusterService cluster;
    private final Provisioner.Drivers drivers;
    private final Path etc;
    private final Supplier<Duration> stopWait;

    Teardown(ClusterService cluster, Provisioner.Drivers drivers, Path etc, Supplier<Duration> stopWait) {
        this.cluster = cluster;
        this.drivers = drivers;
        this.etc = etc;
        this.stopWait = stopWait;
    }

    void deleteDisk(ProvisionRecord record, String disk, Consumer<String> progress, List<String> left) {
        for (String host : hostsOf(cluster.snapshot(), record.endpoint)) {
            try {
                Optional<StoragePools> pools = drivers.of(host).capability(StoragePools.class);
                if (pools.isPresent() && pools.get().deleteAt(host, disk)) {
                    progress.accept("disk " + disk + " deleted");
                    return;
                }
            } catch (DriverException e) {
                left.add("disk " + disk + " on " + host + ": " + e.getMessage());
                return;
            }
        }
        progress.accept("disk " + disk + ": no storage volume there, nothing deleted");
    }

    /** Removes the files, then waits until the engine no longer runs the VM (it stops a resource no longer configured). */
    void removeConfig(ProvisionRecord record, Consumer<String> progress, List<String> left) {
        try {
            for (String file : record.files) {
                if (Files.deleteIfExists(etc.resolve(file))) {
                    progress.accept("configuration " + file + " removed");
                }
            }
        } catch (IOException e) {
            left.add("configuration: " + e.getMessage());
            return;
        }
        Duration wait = stopWait.get();
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            ClusterSnapshot snapshot = cluster.snapshot();
            ResourceStatus status = snapshot.state().resource(record.name);
            if (!snapshot.config().resources().containsKey(record.name)
                    && (status == null || status.activeOn().isEmpty())) {
                return;
            }
            pause();
        }
        progress.accept("the engine has not stopped " + record.name + " within " + wait.toSeconds()
                + " s; stopping it through its driver");
    }

    /** Stops and undefines the domain on every host of the endpoint that has it. */
    void undefineEverywhere(ProvisionRecord record, Consumer<String> progress, List<String> left) {
        List<String> hosts = record.operation == Operation.CREATE && record.step == Step.DOMAIN
                ? List.of(record.host) : hostsOf(cluster.snapshot(), record.endpoint);
        ClusterSnapshot snapshot = cluster.snapshot();
        for (String host : hosts) {
            if (record.operation == Operation.DELETE && snapshot.state().hostState(host) != HostState.ONLINE) {
                progress.accept("host " + host + " is " + snapshot.state().hostState(host) + ": domain " + record.name
                        + ", if defined there, stays defined");
                continue;
            }
            try {
                HypervisorDriver driver = drivers.of(host);
                Optional<DomainInfo> domain = driver.domains(host).stream()
                        .filter(d -> d.name().equals(record.name)).findFirst();
                if (domain.isEmpty()) {
                    continue;
                }
                if (domain.get().state().isActive()) {
                    driver.stop(host, record.name, STOP_GRACE);
                    progress.accept("domain " + record.name + " stopped on " + host);
                }
                driver.capability(Provisioning.class).orElseThrow().undefine(host, record.name);
                progress.accept("domain " + record.name + " undefined on " + host);
            } catch (DriverException | RuntimeException e) {
                left.add("domain " + record.name + " on " + host + ": " + e.getMessage());
            }
        }
    }

    List<String> disksOf(String domain, List<String> hosts) {
        for (String host : hosts) {
            try {
                HypervisorDriver driver = drivers.of(host);
                Optional<StoragePools> pools = driver.capability(StoragePools.class);
                if (pools.isPresent() && driver.domains(host).stream().anyMatch(d -> d.name().equals(domain))) {
                    return pools.get().disks(host, domain);
                }
            } catch (DriverException e) {
                // another host may know it
            }
        }
        return List.of();
    }

    static List<String> hostsOf(ClusterSnapshot snapshot, String endpoint) {
        return snapshot.config().hosts().values().stream()
                .filter(h -> endpoint == null || endpoint.isEmpty() || endpoint.equals(h.driver()))
                .map(Host::name).sorted().toList();
    }

    static void pause() throws IllegalStateException {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }

}
