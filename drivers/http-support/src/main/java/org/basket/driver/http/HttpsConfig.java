package org.basket.driver.http;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The keys every HTTPS endpoint of a driver has besides its type's own (read together with them:
 * {@code StrictConfig.read(OwnConfig.class, raw, problems, HttpsConfig.class)}); {@link HttpsSettings#read} reads them.
 */
@ObjectClassDefinition(name = "Basket HTTPS endpoint",
        description = "The truststore an HTTPS endpoint's certificate is checked against, and its timeouts.")
public @interface HttpsConfig {
    @AttributeDefinition(name = "truststore", description = "The truststore file (PKCS12 or JKS) holding the endpoint's"
            + " certificate or its CA; empty: the JVM's default trust. There is no way to trust every certificate.")
    String truststore() default "";

    @AttributeDefinition(name = "truststore.password", description = "The truststore's password, if it has one. Never logged.")
    String truststore_password() default "";

    @AttributeDefinition(name = "truststore.type", description = "PKCS12 or JKS.")
    String truststore_type() default "PKCS12";

    @AttributeDefinition(name = "connect.timeout.ms", description = "How long a connection to the endpoint may take.")
    long connect_timeout_ms() default 10_000;

    @AttributeDefinition(name = "call.timeout.ms", description = "How long one call may wait for its answer (a driver may"
            + " add its own limits to it for calls that take longer, such as a z/VM relocation).")
    long call_timeout_ms() default 60_000;
}
