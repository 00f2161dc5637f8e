package org.basket.northbound.cim;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The keys of etc/org.basket.cim.cfg, declared once: for the metatype service and for {@link CimSettings}. */
@ObjectClassDefinition(name = "Basket CIM server",
        description = "A read-only WBEM server speaking CIM-XML over HTTP(S): hosts, VMs and guest services.")
public @interface CimConfig {

    @AttributeDefinition(name = "bind.address", description = "Address the server listens on; 0.0.0.0 for all.")
    String bind_address() default "127.0.0.1";

    @AttributeDefinition(name = "port", description = "TCP port; 0 for any free port (it is logged).")
    int port() default 5988;

    @AttributeDefinition(name = "namespace", description = "The CIM namespace of Basket's instances.")
    String namespace() default "root/virtualization";

    @AttributeDefinition(name = "username", required = false,
            description = "The one user allowed in (HTTP basic); empty: the users of the JAAS realm.")
    String username() default "";

    @AttributeDefinition(name = "password", required = false, description = "That user's password.")
    String password() default "";

    @AttributeDefinition(name = "jaas.realm", description = "The JAAS realm that checks users when no username is set.")
    String jaas_realm() default "karaf";

    @AttributeDefinition(name = "jaas.role", required = false,
            description = "A role the realm's user must have; empty: any user of the realm.")
    String jaas_role() default "";

    @AttributeDefinition(name = "max.request.bytes", description = "The largest request body accepted.")
    int max_request_bytes() default 65536;

    @AttributeDefinition(name = "keystore", required = false,
            description = "A PKCS12 keystore with the server's key and certificate: HTTPS; empty: HTTP.")
    String keystore() default "";

    @AttributeDefinition(name = "keystore.password", required = false, description = "The keystore's password.")
    String keystore_password() default "";
}
