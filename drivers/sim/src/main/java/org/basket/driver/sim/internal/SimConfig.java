package org.basket.driver.sim.internal;

import org.basket.api.config.KeyPatterns;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The keys of a simulator endpoint, {@code org.basket.driver-<name>.cfg} with {@code type = sim}, besides
 * the core's ({@code name}, {@code type}); {@link SimSettings} reads them strictly.
 */
@ObjectClassDefinition(name = "Basket simulated hypervisor endpoint",
        description = "In-memory hosts and VMs: the latency of every call, how long a live migration takes, the size of the hosts.")
@KeyPatterns(SimConfig.ONE_HOST)
public @interface SimConfig {
    /** {@code host.<name>.cpus} or {@code host.<name>.memory.mb}: one host's own size. */
    String ONE_HOST = "host\\.(.+)\\.(cpus|memory\\.mb)";

    @AttributeDefinition(name = "latency.ms", description = "Simulated time each call takes, for the whole simulated"
            + " datacenter; -1: left as it is (20 at start).")
    long latency_ms() default -1;

    @AttributeDefinition(name = "migration.ms", description = "How long a simulated live migration transfers before it switches over.")
    long migration_ms() default 300;

    @AttributeDefinition(name = "host.cpus", description = "CPUs of every simulated host, unless host.<name>.cpus sets its own;"
            + " set when the simulator first sees the host.")
    int host_cpus() default 16;

    @AttributeDefinition(name = "host.memory.mb", description = "Memory of every simulated host in MB, unless"
            + " host.<name>.memory.mb sets its own; set when the simulator first sees the host.")
    long host_memory_mb() default 65_536;

    @AttributeDefinition(name = "world", description = "HOST:PORT of a simulated world process (scripts/sim-world.sh),"
            + " which several managers can share; empty: the simulated datacenter in this JVM.")
    String world() default "";
}
