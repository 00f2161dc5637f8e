package org.basket.core.config;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Basket host", factoryPid = ConfigPids.HOST,
        description = "A hypervisor host. One file etc/org.basket.host-<name>.cfg per host.")
public @interface HostConfig {
    @AttributeDefinition(name = "Name", description = "The host's name in Basket; defaults to the part of the file name after 'org.basket.host-'.")
    String name() default "";

    @AttributeDefinition(name = "Driver", description = "The name of the driver endpoint (an org.basket.driver-<name>.cfg) that manages this host.")
    String driver();

    @AttributeDefinition(name = "Address", description = "What the driver needs to reach the host: a libvirt URI, the host's name in vCenter; defaults to the host's name.")
    String address() default "";

    @AttributeDefinition(name = "Attributes", description = "Labels for placement rules, comma-separated key=value pairs, e.g. 'site=a, rack=r1'.")
    String[] attributes() default {};
}
