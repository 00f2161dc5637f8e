package org.basket.agent.runtime;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The keys of the enrolment file (enrol.cfg, written by basket-agent-install.sh), declared once; {@link EnrolmentFile} reads them strictly. */
@ObjectClassDefinition(name = "Basket agent enrolment", description = "Where the agent enrols, as which VM, with which one-time token.")
public @interface EnrolConfig {
    @AttributeDefinition(name = "manager", description = "HOST:PORT of the manager's agent channel.")
    String manager();

    @AttributeDefinition(name = "vm", required = false, description = "The VM resource this agent runs in; needed to enrol.")
    String vm() default "";

    @AttributeDefinition(name = "token", required = false, description = "The one-time enrolment token; needed to enrol, removed once spent.")
    String token() default "";

    @AttributeDefinition(name = "ca", description = "The manager's CA certificate (PEM) to pin, relative to the file's directory.")
    String ca() default EnrolmentFile.DEFAULT_CA_FILE;
}
