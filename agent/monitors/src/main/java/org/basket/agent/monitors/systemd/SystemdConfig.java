package org.basket.agent.monitors.systemd;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** A systemd service's parameters ({@code param.*} of its resource). */
@ObjectClassDefinition(name = "systemd monitor", description = "A systemd unit, through systemctl is-active, start, stop and restart.")
public @interface SystemdConfig {
    @AttributeDefinition(name = "unit", description = "The unit's name, e.g. nginx.service.")
    String unit();

    @AttributeDefinition(name = "systemctl", description = "The systemctl executable.")
    String systemctl() default "/bin/systemctl";

    @AttributeDefinition(name = "timeout.ms", description = "How long is-active may take.")
    int timeout_ms() default 10_000;

    @AttributeDefinition(name = "control.timeout.ms", description = "How long start, stop and restart may take.")
    int control_timeout_ms() default 100_000;
}
