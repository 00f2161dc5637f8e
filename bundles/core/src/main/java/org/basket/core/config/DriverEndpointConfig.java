package org.basket.core.config;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Basket driver endpoint", factoryPid = ConfigPids.DRIVER,
        description = "A hypervisor endpoint: one per libvirt driver instance, vCenter, HMC, ... One file etc/org.basket.driver-<name>.cfg each. Other keys go to the driver.")
public @interface DriverEndpointConfig {
    @AttributeDefinition(name = "Name", description = "The endpoint's name, which hosts name in their 'driver' key; defaults to the part of the file name after 'org.basket.driver-'.")
    String name() default "";

    @AttributeDefinition(name = "Type", description = "The hypervisor type, served by a deployed driver bundle: sim, libvirt, vmware, ...")
    String type();
}
