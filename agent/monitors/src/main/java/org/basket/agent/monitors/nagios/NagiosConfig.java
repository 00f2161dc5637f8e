package org.basket.agent.monitors.nagios;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** A nagios service's parameters ({@code param.*} of its resource), besides the control commands. */
@ObjectClassDefinition(name = "nagios monitor", description = "A Nagios plugin's exit code is the service's health.")
public @interface NagiosConfig {
    @AttributeDefinition(name = "plugin", description = "The plugin, an executable file given by its full path.")
    String plugin();

    @AttributeDefinition(name = "args", required = false, description = "The plugin's arguments, split like a shell would (no expansion).")
    String args() default "";

    @AttributeDefinition(name = "timeout.ms", description = "How long the plugin may run before the check fails.")
    int timeout_ms() default 10_000;
}
