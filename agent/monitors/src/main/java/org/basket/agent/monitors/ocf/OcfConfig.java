package org.basket.agent.monitors.ocf;

import org.basket.api.config.KeyPatterns;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** An ocf service's parameters ({@code param.*} of its resource); the resource agent's own are {@code param.<name>}. */
@ObjectClassDefinition(name = "ocf monitor", description = "An OCF resource agent (Pacemaker's), run with monitor, start and stop.")
@KeyPatterns(OcfConfig.AGENT_PARAMETER)
public @interface OcfConfig {
    /** A parameter of the resource agent itself, checked against its meta-data. */
    String AGENT_PARAMETER = "param\\..+";

    @AttributeDefinition(name = "agent", description = "provider:type (or ocf:provider:type), e.g. heartbeat:Dummy.")
    String agent();

    @AttributeDefinition(name = "ocf.root", description = "The OCF root.")
    String ocf_root() default "/usr/lib/ocf";

    @AttributeDefinition(name = "rsctmp", description = "HA_RSCTMP, cleared at boot.")
    String rsctmp() default "/run/basket-agent/ocf";

    @AttributeDefinition(name = "timeout.ms", description = "How long monitor, meta-data and validate-all may take.")
    int timeout_ms() default 20_000;

    @AttributeDefinition(name = "start.timeout.ms", description = "How long start may take.")
    int start_timeout_ms() default 20_000;

    @AttributeDefinition(name = "stop.timeout.ms", description = "How long stop may take.")
    int stop_timeout_ms() default 20_000;
}
