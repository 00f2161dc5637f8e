package org.basket.core.config;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Basket fence device", factoryPid = ConfigPids.FENCE,
        description = "One fencing level of one host, run by a standard fence agent (fence_ipmilan, fence_redfish, ...). "
                + "One file etc/org.basket.fence-<name>.cfg each. Other keys go to the agent (ip, ipport, username, "
                + "password, lanplus, cipher, plug, ...) and are checked against its metadata.")
public @interface FenceConfig {
    @AttributeDefinition(name = "Name", description = "The device's name; defaults to the part of the file name after 'org.basket.fence-'.")
    String name() default "";

    @AttributeDefinition(name = "Host", description = "The host this device fences.")
    String host();

    @AttributeDefinition(name = "Level", description = "Fencing level: level 1 is tried first; if it fails, level 2, and so on; the host's driver (if it can fence) comes last.")
    int level() default 1;

    @AttributeDefinition(name = "Agent", description = "The fence agent, e.g. fence_ipmilan (from Debian's fence-agents), "
            + "or another fence method a deployed bundle serves; one that no deployed bundle serves is a problem.")
    String agent();

    @AttributeDefinition(name = "Timeout (ms)", description = "How long one agent call may take before it is killed.")
    long timeout_ms() default 60000;
}
