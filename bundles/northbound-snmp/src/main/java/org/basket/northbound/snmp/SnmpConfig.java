package org.basket.northbound.snmp;

import org.basket.api.config.KeyPatterns;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The keys of etc/org.basket.snmp.cfg, declared once: for the metatype service and for {@link SnmpSettings}, which
 * reads them strictly. Each notification target and each SNMPv3 user has keys of its own name
 * ({@code target.nms1.address}, {@code user.ops.auth.password}), checked by {@link SnmpSettings}.
 */
@ObjectClassDefinition(name = "Basket SNMP",
        description = "Notifications (traps, informs) to the monitoring layer, and the agent serving BASKET-MIB's tables.")
@KeyPatterns({"target\\.[A-Za-z0-9_-]+\\.(address|version|type|community|user|timeout\\.ms|retries)",
        "user\\.[A-Za-z0-9_-]+\\.(auth\\.protocol|auth\\.password|priv\\.protocol|priv\\.password)"})
public @interface SnmpConfig {

    @AttributeDefinition(name = "agent.enabled", description = "Whether the agent serving BASKET-MIB's tables runs.")
    boolean agent_enabled() default true;

    @AttributeDefinition(name = "agent.address", description = "Address the agent listens on (UDP).")
    String agent_address() default "127.0.0.1";

    @AttributeDefinition(name = "agent.port", description = "UDP port of the agent; net-snmp's snmpd, on 161, proxies to it.")
    int agent_port() default 1161;

    @AttributeDefinition(name = "agent.community", required = false,
            description = "SNMPv2c community that may read the tables (empty: no v2c access).")
    String agent_community() default "";

    @AttributeDefinition(name = "agent.users", required = false,
            description = "SNMPv3 users (names of user.<name>.* keys) that may read the tables, authPriv only.")
    String[] agent_users() default {};

    @AttributeDefinition(name = "engine.id", required = false,
            description = "SNMPv3 engine ID of Basket's notifications, in hex (receivers create their users with it for v3 traps);"
                    + " empty: derived from this machine's host name, and logged at start.")
    String engine_id() default "";

    @AttributeDefinition(name = "queue.capacity",
            description = "Notifications waiting to be sent; one more is dropped and counted, never waited for.")
    int queue_capacity() default 1000;

    @AttributeDefinition(name = "inform.outstanding",
            description = "Unacknowledged informs per target; one more is dropped and counted.")
    int inform_outstanding() default 100;

    @AttributeDefinition(name = "state.directory", required = false,
            description = "Directory of the agent's engine boots counter (empty: ${karaf.data}/basket/snmp).")
    String state_directory() default "";
}
