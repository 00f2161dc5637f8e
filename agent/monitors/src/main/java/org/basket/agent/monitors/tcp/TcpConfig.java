package org.basket.agent.monitors.tcp;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** A tcp service's parameters ({@code param.*} of its resource), besides the control commands. */
@ObjectClassDefinition(name = "tcp monitor", description = "A service is running while its port accepts connections.")
public @interface TcpConfig {
    @AttributeDefinition(name = "host", description = "The host to connect to.")
    String host() default "127.0.0.1";

    @AttributeDefinition(name = "port", description = "The TCP port (1 to 65535).")
    int port();

    @AttributeDefinition(name = "timeout.ms", description = "How long a connection may take before the check fails.")
    int timeout_ms() default 5_000;
}
