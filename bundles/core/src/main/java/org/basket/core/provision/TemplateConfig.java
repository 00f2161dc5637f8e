package org.basket.core.provision;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Basket VM template", description = "The settings of a VM template: etc/templates/<name>.cfg "
        + "beside its domain definition etc/templates/<name>.xml (none: <name> is a template the hypervisor keeps, cloned). ha:vm-create's options override cpus, memory, disk "
        + "size and network.")
public @interface TemplateConfig {
    @AttributeDefinition(name = "Driver", description = "The driver endpoint whose hosts can run the VMs (an org.basket.driver-<name>.cfg); empty: the endpoint of the chosen host.")
    String driver() default "";

    @AttributeDefinition(name = "Pool", description = "The storage pool of the host that the disk is allocated in (libvirt: a directory or LVM pool; vSphere: the datastore the clone of the template goes to).")
    String pool() default "default";

    @AttributeDefinition(name = "CPUs", description = "Virtual CPUs, ${cpus} in the definition.")
    int cpus() default 1;

    @AttributeDefinition(name = "Memory (MB)", description = "Memory in MiB, ${memory.mb} (and ${memory.kib}) in the definition.")
    long memory_mb() default 512;

    @AttributeDefinition(name = "Disk size", description = "The disk's size: bytes or a number with K, M, G or T (binary units); its path is ${disk.path}.")
    String disk_size() default "1G";

    @AttributeDefinition(name = "Network", description = "The network of its interface, ${network} in the definition.")
    String network() default "default";

    @AttributeDefinition(name = "Migratable", description = "The resource's migratable: planned moves live-migrate it.")
    boolean migratable() default true;

    @AttributeDefinition(name = "Priority", description = "The resource's priority.")
    int priority() default 0;
}
