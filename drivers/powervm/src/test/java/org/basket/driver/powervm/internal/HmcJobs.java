package org.basket.driver.powervm.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The simulated HMC's jobs: accepted (or refused while another job keeps the partition busy, unless an immediate
 * PowerOff supersedes it), carried out in steps of {@code stepMs} on a clock of their own (a Migrate in
 * {@code migrationSteps}, any other job in two), then completed by {@link JobEffects}. A failure set by
 * {@link #failNext} ends the next job of its operation half-way.
 */
final class HmcJobs implements AutoCloseable {
    private final HmcWorld world;
    private final JobEffects effects;
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
    private final Map<String, SimulatedJob> jobs = new ConcurrentHashMap<>();
    private final Map<String, String> failures = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong(1_764_806_400_000L);
    private final long stepMs;
    private final int migrationSteps;

    HmcJobs(HmcWorld world, long stepMs, int migrationSteps) {
        this.world = world;
        this.effects = new JobEffects(world);
        this.stepMs = stepMs;
        this.migrationSteps = migrationSteps;
    }

    SimulatedJob get(String id) {
        return jobs.get(id);
    }

    void delete(String id) {
        jobs.remove(id);
    }

    void failNext(String operation, String message) {
        failures.put(operation, message);
    }

    /**
     * Accepts a job on a partition or a managed system ({@code lpar} null); an HmcRefusal with the HMC's HSCL3205 message
     * while the partition is busy.
     */
    SimulatedJob submit(String operation, String group, String uuid, SimulatedPartition lpar, Map<String, String> parameters)
            throws HmcRefusal {
        boolean supersedes = operation.equals("PowerOff") && "true".equals(parameters.get("immediate"));
        if (lpar != null && lpar.job != null && lpar.job.running() && !supersedes) {
            throw new HmcRefusal("HSCL3205 The partition " + lpar.name + " is busy with job " + lpar.job.id + " ("
                    + lpar.job.operation + "). Retry the operation when it has completed.");
        }
        SimulatedJob job = new SimulatedJob(Long.toString(ids.incrementAndGet()), operation, group, uuid, parameters);
        jobs.put(job.id, job);
        if (lpar != null) {
            if (lpar.job != null && lpar.job.running()) {
                lpar.job.fail("HSCL1410 The operation was superseded by an immediate power off.");
            }
            lpar.job = job;
        }
        int steps = operation.equals("Migrate") ? migrationSteps : 2;
        clock.schedule(() -> step(job, lpar, 1, steps), stepMs, TimeUnit.MILLISECONDS);
        return job;
    }

    /** Another client's job that keeps the partition busy until {@link #release}. */
    void busy(SimulatedPartition lpar) {
        SimulatedJob job = new SimulatedJob(Long.toString(ids.incrementAndGet()), "ChangeProfile", "LogicalPartition", lpar.uuid,
                Map.of());
        job.status = "RUNNING";
        jobs.put(job.id, job);
        lpar.job = job;
    }

    void release(SimulatedPartition lpar) {
        if (lpar.job != null) {
            lpar.job.status = "COMPLETED_OK";
            lpar.job = null;
        }
    }

    private void step(SimulatedJob job, SimulatedPartition lpar, int step, int steps) {
        synchronized (world) {
            if (!job.running()) {
                return;
            }
            job.status = "RUNNING";
            job.progress = step * 100 / (steps + 1);
            job.tasks.add(step == 1 ? "Started" : job.operation + " step " + step + " of " + steps);
            try {
                if (job.operation.equals("Migrate") && step == 1) {
                    effects.startMigration(lpar);
                }
                String failure = failures.get(job.operation);
                if (failure != null && step >= (steps + 1) / 2) {
                    failures.remove(job.operation);
                    throw new HmcRefusal(failure);
                }
                if (step < steps) {
                    clock.schedule(() -> step(job, lpar, step + 1, steps), stepMs, TimeUnit.MILLISECONDS);
                    return;
                }
                if (job.operation.equals("PowerOff") && lpar != null && lpar.ignoresShutdown
                        && "osshutdown".equals(job.parameters.get("operation"))) {
                    job.tasks.add("Waiting for the operating system to shut down");
                    return;
                }
                effects.complete(job, lpar);
                job.succeed();
            } catch (HmcRefusal e) {
                job.fail(e.getMessage());
            }
            if (lpar != null) {
                lpar.job = null;
            }
        }
    }

    @Override
    public void close() {
        clock.shutdownNow();
    }
}
