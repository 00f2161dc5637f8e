package org.basket.driver.powervm.internal;

/**
 * What a job of the simulated HMC does to its partition or managed system once its last step is reached, or the HSCL
 * message it ends with instead. Called with the {@link HmcWorld}'s lock held.
 */
final class JobEffects {
    private static final String BAD_STATE = "HSCL05DF The partition is not in a state under which this operation can be"
            + " performed. Check the state of the partition.";

    private final HmcWorld world;

    JobEffects(HmcWorld world) {
        this.world = world;
    }

    /** The Migrate job's first step: the partition is migrating. */
    void startMigration(SimulatedPartition lpar) {
        if (lpar.state.equals("running")) {
            lpar.state = "migrating running";
        }
    }

    /** Carries out the job on its partition ({@code lpar}), or on its managed system when {@code lpar} is null. */
    void complete(SimulatedJob job, SimulatedPartition lpar) throws HmcRefusal {
        if (lpar == null) {
            completeSystem(job, world.systems.get(job.target));
            return;
        }
        switch (job.operation) {
            case "PowerOn" -> powerOn(lpar);
            case "PowerOff" -> {
                requireOperating(lpar.system);
                if (!lpar.state.equals("running") && !lpar.state.equals("shutting down")) {
                    throw new HmcRefusal(BAD_STATE);
                }
                lpar.state = "not activated";
            }
            case "MigrateValidate" -> validateMigration(job, lpar);
            case "Migrate" -> migrate(job, lpar);
            case "MigrateRecover" -> {
                if (lpar.state.startsWith("migrating")) {
                    lpar.state = "running";
                }
            }
            case "RemoteRestart" -> remoteRestart(job, lpar);
            default -> throw new HmcRefusal("HSCL0001 Operation " + job.operation + " is not supported by the simulator");
        }
    }

    private void powerOn(SimulatedPartition lpar) throws HmcRefusal {
        requireOperating(lpar.system);
        if (!lpar.state.equals("not activated")) {
            throw new HmcRefusal(BAD_STATE);
        }
        if (world.freeMemoryMb(lpar.system) < HmcWorld.PARTITION_MEMORY_MB) {
            throw new HmcRefusal("HSCL1552 There is not enough memory available on " + lpar.system.name + " to activate " + lpar.name);
        }
        lpar.state = "running";
    }

    private void validateMigration(SimulatedJob job, SimulatedPartition lpar) throws HmcRefusal {
        SimulatedSystem target = target(job);
        requireOperating(lpar.system);
        requireOperating(target);
        if (!lpar.state.equals("running") || target == lpar.system) {
            throw new HmcRefusal("HSCLA27C The partition " + lpar.name + " cannot be migrated to " + target.name
                    + ": it is " + lpar.state + " on " + lpar.system.name);
        }
        if (world.freeMemoryMb(target) < HmcWorld.PARTITION_MEMORY_MB) {
            throw new HmcRefusal("HSCLA319 The destination managed system " + target.name + " does not have enough memory");
        }
    }

    private void migrate(SimulatedJob job, SimulatedPartition lpar) throws HmcRefusal {
        SimulatedSystem target = target(job);
        if (lpar.state.equals("not activated")) {
            requireOperating(lpar.system);
        } else if (!lpar.state.equals("migrating running")) {
            throw new HmcRefusal(BAD_STATE);
        }
        requireOperating(target);
        lpar.system = target;
        lpar.state = lpar.state.equals("not activated") ? "not activated" : "running";
    }

    private void remoteRestart(SimulatedJob job, SimulatedPartition lpar) throws HmcRefusal {
        if (!"restart".equals(job.parameters.get("Operation"))) {
            throw new HmcRefusal("HSCL0002 RemoteRestart needs the parameter Operation (validate, recover, restart,"
                    + " cleanup or cancel); the simulator carries out restart only");
        }
        SimulatedSystem target = world.systems.values().stream()
                .filter(s -> s.uuid.equals(job.parameters.get("targetManagedSystemUUID"))
                        || s.name.equals(job.parameters.get("targetManagedSystem")))
                .findFirst().orElseThrow(() -> new HmcRefusal("HSCL0016 RemoteRestart: no managed system with the"
                        + " targetManagedSystemUUID or targetManagedSystem given"));
        requireOperating(target);
        if (!lpar.srrCapable) {
            throw new HmcRefusal("HSCLB901 The partition " + lpar.name + " is not simplified remote restart capable.");
        }
        if (!lpar.system.state.equals("power off") && !lpar.system.state.equals("error")) {
            throw new HmcRefusal("HSCLB940 The source managed system " + lpar.system.name + " is in state " + lpar.system.state
                    + "; remote restart needs it powered off or in error.");
        }
        world.record(lpar.name + " remote restarted from " + lpar.system.name + " while " + HmcCli.cliState(lpar.state));
        lpar.system = target;
        lpar.state = "running";
    }

    private void completeSystem(SimulatedJob job, SimulatedSystem system) throws HmcRefusal {
        switch (job.operation) {
            case "PowerOff" -> {
                if (system.state.equals("no connection")) {
                    throw new HmcRefusal("HSCL0237 The HMC has no connection to " + system.name);
                }
                system.state = "power off";
                world.partitions.values().stream().filter(l -> l.system == system).forEach(l -> l.state = "not activated");
            }
            case "PowerOn" -> {
                if (!system.state.equals("power off")) {
                    throw new HmcRefusal("HSCL0238 " + system.name + " is not powered off");
                }
                system.state = "operating";
            }
            default -> throw new HmcRefusal("HSCL0001 Operation " + job.operation + " of a ManagedSystem is not supported by the simulator");
        }
    }

    private static void requireOperating(SimulatedSystem system) throws HmcRefusal {
        if (!system.state.equals("operating")) {
            throw new HmcRefusal("HSCL0237 The managed system " + system.name + " is in state " + system.state + ".");
        }
    }

    private SimulatedSystem target(SimulatedJob job) throws HmcRefusal {
        String name = job.parameters.getOrDefault("TargetManagedSystemName", "");
        return world.systems.values().stream().filter(s -> s.name.equals(name)).findFirst()
                .orElseThrow(() -> new HmcRefusal("HSCL0016 The managed system " + name + " was not found."));
    }
}
