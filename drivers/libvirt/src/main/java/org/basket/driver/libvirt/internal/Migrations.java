package org.basket.driver.libvirt.internal;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.basket.api.driver.DriverException;
import org.basket.api.driver.MigrationOptions;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.DomainJobInfo;
import org.libvirt.LibvirtException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves domains between two hosts: a running domain by live migration (direct or peer-to-peer),
 * a stopped one by defining it on the target and starting it there (shared storage). While a live
 * migration runs its progress is logged; interrupting the caller cancels it.
 */
final class Migrations {
    static final int XML_INACTIVE = 2;
    // virDomainMigrateFlags; libvirt-java 0.5.2 keeps its own enum package-private
    static final int LIVE = 1;
    static final int PEER2PEER = 2;
    static final int PERSIST_DEST = 8;
    static final int UNDEFINE_SOURCE = 16;

    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);
    private static final Duration PROGRESS_POLL = Duration.ofMillis(100);
    private static final Duration CANCEL_PATIENCE = Duration.ofSeconds(30);

    private final LibvirtSettings settings;
    private final Definitions definitions;

    Migrations(LibvirtSettings settings, Definitions definitions) {
        this.settings = settings;
        this.definitions = definitions;
    }

    void migrate(String domain, HostConnection source, HostConnection target, MigrationOptions options)
            throws DriverException {
        Domain running = Lookup.require(source, domain);
        Connect targetConnection = target.require();
        try {
            if (running.isActive() == 1) {
                live(domain, running, source, target, targetConnection, options);
            } else {
                cold(domain, running, source, target, targetConnection);
            }
        } catch (LibvirtException e) {
            throw source.failed("migrating domain " + domain + " to " + target.host(), e);
        }
    }

    int flags() {
        return LIVE | (settings.peerToPeer() ? PEER2PEER : 0) | (settings.persistOnTarget() ? PERSIST_DEST : 0)
                | (settings.undefineSource() ? UNDEFINE_SOURCE : 0);
    }

    private void live(String domain, Domain running, HostConnection source, HostConnection target,
                      Connect targetConnection, MigrationOptions options) throws DriverException, LibvirtException {
        long bandwidth = options.bandwidthMiBps() > 0 ? options.bandwidthMiBps() : settings.bandwidthMiBps();
        Duration downtime = options.maxDowntime().isZero() ? settings.maxDowntime() : options.maxDowntime();
        long started = System.nanoTime();
        CompletableFuture<Void> transfer = new CompletableFuture<>();
        Thread worker = new Thread(() -> {
            try {
                running.migrate(targetConnection, flags(), null, null, bandwidth).free();
                transfer.complete(null);
            } catch (LibvirtException | RuntimeException e) {
                transfer.completeExceptionally(e);
            }
        }, "libvirt-migrate-" + domain);
        worker.setDaemon(true);
        worker.start();
        Thread watcher = new Thread(() -> watch(domain, running, downtime, options, transfer),
                "libvirt-migrate-progress-" + domain);
        watcher.setDaemon(true);
        watcher.start();
        try {
            // only the transfer is waited for here: a libvirt call that blocks (job info during a busy job) must not
            // keep an interrupt from cancelling the migration
            transfer.get();
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new DriverException("host " + source.host() + ": migration of domain " + domain + " to "
                        + target.host() + " was interrupted too late: the domain now runs on " + target.host());
            }
        } catch (InterruptedException e) {
            boolean completed = cancel(domain, running, source, transfer);
            Thread.currentThread().interrupt();
            throw new DriverException("host " + source.host() + ": migration of domain " + domain + " to "
                    + target.host() + (completed ? " was interrupted too late: the domain now runs on " + target.host()
                    : " was cancelled; the domain still runs on " + source.host()));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof LibvirtException failure) {
                throw source.failed("live-migrating domain " + domain + " to " + target.host()
                        + " (the domain still runs here)", failure);
            }
            throw new DriverException("host " + source.host() + ": live-migrating domain " + domain + " to "
                    + target.host() + ": " + e.getCause(), e.getCause());
        }
        LOG.info("domain {} live-migrated from {} to {} in {} ms", domain, source.host(), target.host(),
                (System.nanoTime() - started) / 1_000_000);
        rememberOn(target, domain);
    }

    private void cold(String domain, Domain stopped, HostConnection source, HostConnection target,
                      Connect targetConnection) throws LibvirtException, DriverException {
        String xml = stopped.getXMLDesc(XML_INACTIVE);
        Domain moved = targetConnection.domainDefineXML(xml);
        moved.create();
        if (settings.undefineSource() && stopped.isPersistent() == 1) {
            stopped.undefine();
        }
        LOG.info("domain {} moved cold from {} to {}: defined and started there", domain, source.host(),
                target.host());
        rememberOn(target, domain);
    }

    /** Sets the maximum downtime once the job runs, and reports progress, until the transfer ends. */
    private static void watch(String domain, Domain running, Duration downtime, MigrationOptions options,
                              CompletableFuture<Void> transfer) {
        boolean downtimeSet = downtime.isZero();
        while (!transfer.isDone()) {
            try {
                transfer.get(PROGRESS_POLL.toMillis(), TimeUnit.MILLISECONDS);
                return;
            } catch (TimeoutException stillRunning) {
                downtimeSet = downtimeSet || setDowntime(running, downtime);
                reportProgress(domain, running, options);
            } catch (InterruptedException | ExecutionException e) {
                return;
            }
        }
    }

    private static boolean setDowntime(Domain running, Duration downtime) {
        try {
            running.migrateSetMaxDowntime(downtime.toMillis());
            return true;
        } catch (LibvirtException e) {
            // not yet migrating: tried again on the next poll
            return false;
        }
    }

    private static void reportProgress(String domain, Domain running, MigrationOptions options) {
        try {
            DomainJobInfo job = running.getJobInfo();
            String line = job.getDataProcessed() / (1 << 20) + " of " + job.getDataTotal() / (1 << 20) + " MiB in "
                    + job.getTimeElapsed() + " ms";
            LOG.debug("migrating {}: {}", domain, line);
            options.progress().accept(line);
        } catch (LibvirtException e) {
            LOG.debug("migrating {}: no progress information: {}", domain, e.getMessage());
        }
    }

    /**
     * Aborts the migration job, also one that has not started yet, and waits for the call to return.
     *
     * @return whether the migration completed all the same
     */
    private static boolean cancel(String domain, Domain running, HostConnection source, CompletableFuture<Void> transfer) {
        long deadline = System.nanoTime() + CANCEL_PATIENCE.toNanos();
        String lastError = "";
        while (!transfer.isDone() && System.nanoTime() < deadline) {
            try {
                running.abortJob();
                break;
            } catch (LibvirtException e) {
                lastError = Errors.describe(e);
            }
            try {
                transfer.get(PROGRESS_POLL.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (ExecutionException | TimeoutException e) {
                // not migrating yet, or ended: looked at again by the loop
            }
        }
        try {
            transfer.get(CANCEL_PATIENCE.toSeconds(), TimeUnit.SECONDS);
            LOG.warn("host {}: the migration of {} completed before it could be cancelled{}", source.host(), domain,
                    lastError.isEmpty() ? "" : " (" + lastError + ")");
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            LOG.info("host {}: migration of {} cancelled", source.host(), domain);
        } catch (TimeoutException e) {
            LOG.warn("host {}: the migration of {} did not end within {} s of its cancellation", source.host(), domain,
                    CANCEL_PATIENCE.toSeconds());
        }
        return false;
    }

    private void rememberOn(HostConnection target, String domain) throws DriverException, LibvirtException {
        Domain moved = Lookup.require(target, domain);
        if (moved.isPersistent() == 1) {
            String xml = moved.getXMLDesc(XML_INACTIVE);
            definitions.seen(moved.getName(), target.host(), xml);
            definitions.seen(moved.getUUIDString(), target.host(), xml);
        }
    }
}
