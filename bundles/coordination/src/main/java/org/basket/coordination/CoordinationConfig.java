package org.basket.coordination;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The keys of {@code etc/org.basket.coordination.cfg}; {@link CoordinationSettings} reads them strictly. */
@ObjectClassDefinition(name = "Basket coordination", description = "Embedded (one manager, the default) or several "
        + "managers on a ZooKeeper ensemble: who leads, in which epoch, within which lease.")
public @interface CoordinationConfig {
    @AttributeDefinition(name = "mode", description = "embedded: this manager leads alone (epoch 1, no lease); "
            + "zookeeper: the managers of zookeeper.connect elect one leader.")
    String mode() default "embedded";

    @AttributeDefinition(name = "manager.id", description = "This manager's id, unique among the managers (1 to 64 of "
            + "A-Z a-z 0-9 . _ -); empty: the host name.")
    String manager_id() default "";

    @AttributeDefinition(name = "zookeeper.connect", description = "The ensemble: host:port,host:port,...")
    String zookeeper_connect() default "";

    @AttributeDefinition(name = "zookeeper.chroot", description = "Where this cluster's nodes live in ZooKeeper.")
    String zookeeper_chroot() default "/basket";

    @AttributeDefinition(name = "session.timeout.ms", description = "The ZooKeeper session timeout asked for; the "
            + "servers must grant more than lease.ms.")
    long session_timeout_ms() default 4_000;

    @AttributeDefinition(name = "lease.ms", description = "How long one answer of the ensemble lets the leader act; "
            + "shorter than the session timeout; a new leader waits this long before it acts.")
    long lease_ms() default 1_500;

    @AttributeDefinition(name = "connection.timeout.ms", description = "How long one connection attempt may take.")
    long connection_timeout_ms() default 5_000;

    @AttributeDefinition(name = "tls.enabled", description = "TLS to the ensemble (ZooKeeper's secure client port).")
    boolean tls_enabled() default false;

    @AttributeDefinition(name = "tls.keystore.location", description = "This manager's key and certificate (JKS or "
            + "PKCS12), for servers that require client certificates; empty for none.")
    String tls_keystore_location() default "";

    @AttributeDefinition(name = "tls.keystore.password", description = "The key store's password.")
    String tls_keystore_password() default "";

    @AttributeDefinition(name = "tls.truststore.location", description = "The CA certificates the servers' certificates chain "
            + "to; required with tls.enabled.")
    String tls_truststore_location() default "";

    @AttributeDefinition(name = "tls.truststore.password", description = "The trust store's password.")
    String tls_truststore_password() default "";

    @AttributeDefinition(name = "auth.digest.secret", description = "user:password for ZooKeeper's digest "
            + "authentication; the coordination's nodes are then readable and writable by that user only.")
    String auth_digest_secret() default "";

    @AttributeDefinition(name = "sasl.login.context", description = "The JAAS login section for SASL (Kerberos, "
            + "DIGEST-MD5) given in the JVM's java.security.auth.login.config; empty: no SASL. With it the client leaves "
            + "ZooKeeper's FIPS mode, which refuses DIGEST-MD5.")
    String sasl_login_context() default "";
}
