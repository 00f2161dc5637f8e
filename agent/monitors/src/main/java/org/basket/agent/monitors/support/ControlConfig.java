package org.basket.agent.monitors.support;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The parameters every monitor type that only observes (tcp, http, nagios) shares: its start and stop commands. */
@ObjectClassDefinition(name = "Control commands of an observing monitor",
        description = "Optional shell commands that start and stop a service that tcp, http or nagios watches.")
public @interface ControlConfig {
    @AttributeDefinition(name = "start", required = false, description = "Shell command (/bin/sh -c) that starts the service; empty: it cannot be started.")
    String start() default "";

    @AttributeDefinition(name = "stop", required = false, description = "Shell command (/bin/sh -c) that stops the service; empty: it cannot be stopped.")
    String stop() default "";

    @AttributeDefinition(name = "start.timeout.ms", description = "How long the start command may take.")
    int start_timeout_ms() default 30_000;

    @AttributeDefinition(name = "stop.timeout.ms", description = "How long the stop command may take.")
    int stop_timeout_ms() default 30_000;
}
