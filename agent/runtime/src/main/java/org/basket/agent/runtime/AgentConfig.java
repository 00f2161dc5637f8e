package org.basket.agent.runtime;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The keys of the agent's etc/org.basket.agent.cfg, declared once; {@link AgentSettings} reads them strictly. */
@ObjectClassDefinition(name = "Basket in-guest agent",
        description = "Where the agent finds its enrolment and keeps its state, and the timing of its session with the manager.")
public @interface AgentConfig {

    @AttributeDefinition(name = "enrol.file", required = false, description = "Manager address, VM name and one-time"
            + " token for the first start, an absolute path (empty: $BASKET_ENROL_CONFIG, else /etc/basket-agent/enrol.cfg).")
    String enrol_file() default "";

    @AttributeDefinition(name = "state.dir", required = false, description = "The agent's identity and the last good"
            + " service definitions, an absolute path (empty: $BASKET_AGENT_STATE, else /var/lib/basket-agent).")
    String state_dir() default "";

    @AttributeDefinition(name = "heartbeat.interval.ms", description = "Heartbeats to the manager.")
    long heartbeat_interval_ms() default 5_000;

    @AttributeDefinition(name = "manager.silence.ms", description = "No word from the manager this long ends the session; above heartbeat.interval.ms.")
    long manager_silence_ms() default 15_000;

    @AttributeDefinition(name = "reconnect.min.ms", description = "The first wait before reconnecting, doubling.")
    long reconnect_min_ms() default 1_000;

    @AttributeDefinition(name = "reconnect.max.ms", description = "The longest wait before reconnecting.")
    long reconnect_max_ms() default 60_000;

    @AttributeDefinition(name = "enrol.retry.min.ms", description = "The first wait between enrolment attempts, doubling.")
    long enrol_retry_min_ms() default 5_000;

    @AttributeDefinition(name = "enrol.retry.max.ms", description = "The longest wait between enrolment attempts.")
    long enrol_retry_max_ms() default 300_000;

    @AttributeDefinition(name = "command.timeout.ms", description = "How long start, stop and restart wait for the"
            + " expected health, and update-definitions for the first checks.")
    long command_timeout_ms() default 30_000;
}
