package org.basket.agents;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The keys of etc/org.basket.agents.cfg, declared once: for the metatype service and for {@link AgentsSettings}, which reads them strictly. */
@ObjectClassDefinition(name = "Basket in-guest agents (manager side)",
        description = "The agent channel: where agents enrol and connect, and how long the manager waits for them.")
public @interface AgentsConfig {

    @AttributeDefinition(name = "state.directory", required = false,
            description = "Directory of the agent CA, the enrolment tokens and the certificate logs (empty: ${karaf.data}/basket/agents).")
    String state_directory() default "";

    @AttributeDefinition(name = "bind.address", description = "Address the channel listens on; 0.0.0.0 for all.")
    String bind_address() default "0.0.0.0";

    @AttributeDefinition(name = "port", description = "TCP port of the channel (TLS 1.3).")
    int port() default 8543;

    @AttributeDefinition(name = "advertised.address", required = false,
            description = "HOST:PORT that agents are told to connect to (empty: this machine's host name and the port).")
    String advertised_address() default "";

    @AttributeDefinition(name = "command.timeout.ms", description = "How long a start, stop or definitions update may take until the agent acknowledges it.")
    long command_timeout_ms() default 60_000;

    @AttributeDefinition(name = "token.validity.ms", description = "How long an enrolment token stays usable unless the caller says otherwise.")
    long token_validity_ms() default 1_800_000;

    @AttributeDefinition(name = "handshake.timeout.ms",
            description = "How long in all a new connection may take for TLS and its first frame before it is closed.")
    long handshake_timeout_ms() default 10_000;

    @AttributeDefinition(name = "preauth.max.connections",
            description = "Connections at once that are not yet authenticated; more are closed at once.")
    int preauth_max_connections() default 64;

    @AttributeDefinition(name = "preauth.max.per.address",
            description = "Connections at once from one source address that are not yet authenticated.")
    int preauth_max_per_address() default 8;

    @AttributeDefinition(name = "enrol.free.failures",
            description = "Failed enrolments from one address (ten times as many overall) before it must wait.")
    int enrol_free_failures() default 5;

    @AttributeDefinition(name = "enrol.backoff.min.ms", description = "The first wait after too many failed enrolments, doubling.")
    long enrol_backoff_min_ms() default 1000;

    @AttributeDefinition(name = "enrol.backoff.max.ms", description = "The longest wait after failed enrolments.")
    long enrol_backoff_max_ms() default 300_000;

    @AttributeDefinition(name = "certificate.validity.days", description = "How long an agent certificate is valid.")
    long certificate_validity_days() default 30;
}
