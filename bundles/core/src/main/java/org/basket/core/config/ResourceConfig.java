package org.basket.core.config;

import org.basket.api.config.KeyPatterns;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Basket resource", factoryPid = ConfigPids.RESOURCE,
        description = "A managed resource. One file etc/org.basket.resource-<name>.cfg per resource.")
@KeyPatterns(ResourceConfig.SERVICE_PARAMETER)
public @interface ResourceConfig {
    /** A guest service's monitor parameter, {@code param.<name>}, for its agent's monitor type to check. */
    String SERVICE_PARAMETER = "param\\..+";

    @AttributeDefinition(name = "Name", description = "The resource's name in Basket; defaults to the part of the file name after 'org.basket.resource-'.")
    String name() default "";

    @AttributeDefinition(name = "Kind", description = "vm (a virtual machine) or guest-service (a service inside a VM, watched and controlled by the VM's in-guest agent).")
    String kind() default "vm";

    @AttributeDefinition(name = "Container", description = "For a guest service: the VM resource it runs in.")
    String container() default "";

    @AttributeDefinition(name = "Check", description = "For a guest service: the agent's monitor type that watches and controls it (systemd, process, tcp, http, nagios, ocf); its parameters are the param.* keys, e.g. param.unit = nginx.service.")
    String check() default "";

    @AttributeDefinition(name = "Driver", description = "For a VM: the driver endpoint (an org.basket.driver-<name>.cfg) whose hosts can run it; only they are tried. Empty: any host.")
    String driver() default "";

    @AttributeDefinition(name = "Domain", description = "The hypervisor's name for the VM; defaults to the resource's name.")
    String domain() default "";

    @AttributeDefinition(name = "CPUs", description = "Virtual CPUs the VM needs of its host.")
    int cpus() default 1;

    @AttributeDefinition(name = "Memory (MB)", description = "Memory the VM needs of its host, in MB.")
    long memory_mb() default 1024;

    @AttributeDefinition(name = "Migratable", description = "Whether planned moves may live-migrate it (true) or must stop and start it (false).")
    boolean migratable() default true;

    @AttributeDefinition(name = "Priority", description = "When capacity is short, higher priority resources run and lower ones stop.")
    int priority() default 0;

    @AttributeDefinition(name = "Enabled", description = "Whether it should run; false stops it and keeps it stopped.")
    boolean enabled() default true;

    @AttributeDefinition(name = "Rank", description = "Among resources of equal priority (and, where resources declare a demand, of equal score where they run), the lower rank is placed first and so picks its host first; ha:import-cib writes the order of the CIB. 0 for all: running resources first, then by name.")
    int rank() default 0;

    @AttributeDefinition(name = "Stickiness", description = "Its own score on the host it runs on, instead of the manager's resource.stickiness: 0 to INFINITY (1000000); -1: the manager's.")
    int stickiness() default -1;

    @AttributeDefinition(name = "Migration threshold", description = "Failures on one host before the resource moves elsewhere.")
    int migration_threshold() default 3;

    @AttributeDefinition(name = "Failure timeout (ms)", description = "How long after its last failure on a host the failures there are forgotten, so that the host counts again against the migration threshold; 0: never.")
    long failure_timeout_ms() default 0;

    @AttributeDefinition(name = "Start timeout (ms)", description = "How long its start may take; 0: the manager's start.timeout.ms.")
    long start_timeout_ms() default 0;

    @AttributeDefinition(name = "Stop timeout (ms)", description = "How long its stop may take, graceful shutdown and forced stop together; 0: the manager's stop.timeout.ms.")
    long stop_timeout_ms() default 0;

    @AttributeDefinition(name = "Migrate timeout (ms)", description = "How long its live migration may take; 0: the manager's migrate.timeout.ms.")
    long migrate_timeout_ms() default 0;

    @AttributeDefinition(name = "Monitor interval (ms)", description = "How often its own state is checked where it runs, besides the host's poll; 0: no monitor of its own (a guest service: how often its agent checks it; 0: every 5 s). A check that finds it stopped, fails or times out counts as a failure.")
    long monitor_interval_ms() default 0;

    @AttributeDefinition(name = "Monitor timeout (ms)", description = "How long one check may take; 0: the manager's poll.timeout.ms.")
    long monitor_timeout_ms() default 0;
}
