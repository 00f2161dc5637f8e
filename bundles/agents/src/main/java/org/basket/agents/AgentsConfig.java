package org.basket.agents;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The keys of etc/org.basket.agents.cfg, for the metatype service; {@link AgentsSettings} reads and checks them. */
@ObjectClassDefinition(name = "Basket in-guest agents (manager side)",
        description = "The agent channel: where agents enrol and connect, and how long the manager waits for them.")
@interface AgentsConfig {

    @AttributeDefinition(name = "state.directory", required = false,
            description = "Directory of the agent CA, the enrolment tokens and the certificate logs (default ${karaf.data}/basket/agents).")
    String state_directory();

    @AttributeDefinition(name = "bind.address", description = "Address the channel listens on; 0.0.0.0 for all.")
    String bind_address() default AgentsSettings.DEFAULT_BIND_ADDRESS;

    @AttributeDefinition(name = "port", description = "TCP port of the channel (TLS 1.3).")
    int port() default AgentsSettings.DEFAULT_PORT;

    @AttributeDefinition(name = "advertised.address", required = false,
            description = "HOST:PORT that agents are told to connect to (default this machine's host name and the port).")
    String advertised_address();

    @AttributeDefinition(name = "command.timeout.ms", description = "How long a start, stop or definitions update may take until the agent acknowledges it.")
    long command_timeout_ms() default AgentsSettings.DEFAULT_COMMAND_TIMEOUT_MS;

    @AttributeDefinition(name = "token.validity.ms", description = "How long an enrolment token stays usable unless the caller says otherwise.")
    long token_validity_ms() default AgentsSettings.DEFAULT_TOKEN_VALIDITY_MS;
}
