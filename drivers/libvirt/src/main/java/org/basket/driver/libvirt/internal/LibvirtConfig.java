package org.basket.driver.libvirt.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The keys of a libvirt endpoint, {@code org.basket.driver-<name>.cfg} with {@code type = libvirt}, besides
 * the core's ({@code name}, {@code type}); {@link LibvirtSettings} reads them strictly.
 */
@ObjectClassDefinition(name = "Basket libvirt endpoint (KVM/QEMU, Xen)",
        description = "Credentials, connection keepalive and reconnection, and how live migrations run.")
public @interface LibvirtConfig {

    @AttributeDefinition(name = "username", required = false, description = "For hosts that ask for credentials (SASL, ...); empty for none.")
    String username() default "";

    @AttributeDefinition(name = "password", required = false, description = "The username's password; never shown in logs,"
            + " events or ha:status; may be $[secret:NAME].")
    String password() default "";

    @AttributeDefinition(name = "connect.timeout.ms", description = "How long attaching a host waits for its libvirt to answer (100 to 600000).")
    long connect_timeout_ms() default 10_000;

    @AttributeDefinition(name = "keepalive.interval.s", description = "Seconds between keepalive probes on a remote connection (1 to 3600).")
    int keepalive_interval_s() default 5;

    @AttributeDefinition(name = "keepalive.count", description = "Unanswered probes before the connection counts as lost (1 to 100).")
    int keepalive_count() default 3;

    @AttributeDefinition(name = "reconnect.interval.ms", description = "How often a lost connection is retried (100 to 3600000).")
    long reconnect_interval_ms() default 2000;

    @AttributeDefinition(name = "migration.mode", description = "direct: Basket talks to both daemons; p2p: the source libvirtd connects to the target itself.")
    String migration_mode() default LibvirtSettings.MODE_DIRECT;

    @AttributeDefinition(name = "migration.persist", description = "Define the VM on the target of a live migration.")
    boolean migration_persist() default true;

    @AttributeDefinition(name = "migration.undefine.source", description = "Remove the VM's definition from the source after a live migration.")
    boolean migration_undefine_source() default true;

    @AttributeDefinition(name = "migration.bandwidth.mibps", description = "Bandwidth limit of a live migration in MiB/s; 0: libvirt's.")
    long migration_bandwidth_mibps() default 0;

    @AttributeDefinition(name = "migration.max.downtime.ms", description = "Longest pause at switch-over; 0: libvirt's.")
    long migration_max_downtime_ms() default 0;
}
