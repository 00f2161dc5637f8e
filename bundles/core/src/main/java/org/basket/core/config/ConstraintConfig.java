package org.basket.core.config;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Basket constraint", factoryPid = ConfigPids.CONSTRAINT,
        description = "A placement or ordering rule. One file etc/org.basket.constraint-<name>.cfg per rule.")
public @interface ConstraintConfig {
    @AttributeDefinition(name = "Name", description = "The constraint's name; defaults to the part of the file name after 'org.basket.constraint-'.")
    String name() default "";

    @AttributeDefinition(name = "Type", description = "location (resource on/away from a host), location-rule (resource on/away from every host whose attribute matches), colocation (resource with/away from another), anti-affinity (never on one host), colocation-set (one score between every two of several resources), order (start first, then then).")
    String type();

    @AttributeDefinition(name = "Resource", description = "location, location-rule, colocation, anti-affinity: the resource placed.")
    String resource() default "";

    @AttributeDefinition(name = "Host", description = "location: the host.")
    String host() default "";

    @AttributeDefinition(name = "Attribute", description = "location-rule: the host attribute compared (site, rack, hypervisor, any label of the hosts' attributes).")
    String attribute() default "";

    @AttributeDefinition(name = "Operation", description = "location-rule: eq or ne (compare with value), exists or not-exists (whether the host has the attribute at all).")
    String operation() default "";

    @AttributeDefinition(name = "Value", description = "location-rule with eq or ne: the value compared with.")
    String value() default "";

    @AttributeDefinition(name = "Resources", description = "colocation-set: the resources, comma-separated; -INFINITY spreads them over distinct hosts, INFINITY keeps them on one.")
    String[] resources() default {};

    @AttributeDefinition(name = "With", description = "colocation, anti-affinity: the other resource.")
    String with$() default "";

    @AttributeDefinition(name = "Score", description = "location, location-rule, colocation, colocation-set: an integer, INFINITY (must) or -INFINITY (must not).")
    String score() default "";

    @AttributeDefinition(name = "First", description = "order: the resource started first and stopped last.")
    String first() default "";

    @AttributeDefinition(name = "Then", description = "order: the resource started after first.")
    String then() default "";

    @AttributeDefinition(name = "Mandatory", description = "order: whether then may run only while first can run.")
    boolean mandatory() default true;
}
