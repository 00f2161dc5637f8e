package org.basket.core.config;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Basket constraint", factoryPid = ConfigPids.CONSTRAINT,
        description = "A placement or ordering rule. One file etc/org.basket.constraint-<name>.cfg per rule.")
public @interface ConstraintConfig {
    @AttributeDefinition(name = "Name", description = "The constraint's name; defaults to the part of the file name after 'org.basket.constraint-'.")
    String name() default "";

    @AttributeDefinition(name = "Type", description = "location (resource on/away from a host), colocation (resource with/away from another), anti-affinity (never on one host), order (start first, then then).")
    String type();

    @AttributeDefinition(name = "Resource", description = "location, colocation, anti-affinity: the resource placed.")
    String resource() default "";

    @AttributeDefinition(name = "Host", description = "location: the host.")
    String host() default "";

    @AttributeDefinition(name = "With", description = "colocation, anti-affinity: the other resource.")
    String with$() default "";

    @AttributeDefinition(name = "Score", description = "location, colocation: an integer, INFINITY (must) or -INFINITY (must not).")
    String score() default "";

    @AttributeDefinition(name = "First", description = "order: the resource started first and stopped last.")
    String first() default "";

    @AttributeDefinition(name = "Then", description = "order: the resource started after first.")
    String then() default "";

    @AttributeDefinition(name = "Mandatory", description = "order: whether then may run only while first can run.")
    boolean mandatory() default true;
}
