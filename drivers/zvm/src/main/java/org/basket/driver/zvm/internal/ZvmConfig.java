package org.basket.driver.zvm.internal;

import org.basket.api.config.KeyPatterns;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The keys of a z/VM endpoint, {@code org.basket.driver-<name>.cfg} with {@code type = zvm}, besides the core's
 * ({@code name}, {@code type}) and the truststore and timeouts every HTTPS endpoint has ({@code HttpsConfig});
 * {@link ZvmSettings} reads them strictly. One endpoint is one SSI cluster: each member
 * (a z/VM system, Basket's host) is reached through the Cloud Connector that runs on it, Feilong's documented deployment.
 */
@ObjectClassDefinition(name = "Basket z/VM endpoint",
        description = "The members of a z/VM SSI cluster, each through its z/VM Cloud Connector (Feilong) REST API.")
@KeyPatterns(ZvmConfig.ONE_MEMBER)
public @interface ZvmConfig {
    /** {@code member.<SYSTEM>.url}, {@code member.<SYSTEM>.zcc.userid}, {@code member.<SYSTEM>.admin.token}. */
    String ONE_MEMBER = "member\\.([A-Za-z0-9@#$]{1,8})\\.(url|zcc\\.userid|admin\\.token)";

    @AttributeDefinition(name = "admin.token", description = "The connectors' admin token (X-Admin-Token), exchanged for"
            + " short-lived tokens; member.<SYSTEM>.admin.token overrides it for one member. Never logged.")
    String admin_token() default "";

    @AttributeDefinition(name = "start.timeout.ms", description = "How long a started guest may take to be logged on.")
    long start_timeout_ms() default 60_000;

    @AttributeDefinition(name = "relocation.max.total.s", description = "VMRELOCATE's MAXTOTAL: the longest a live guest"
            + " relocation may take, in seconds; -1: no limit.")
    long relocation_max_total_s() default 360;

    @AttributeDefinition(name = "relocation.max.quiesce.s", description = "VMRELOCATE's MAXQUIESCE: the longest the guest"
            + " may be stopped during a relocation, in seconds; -1: no limit.")
    long relocation_max_quiesce_s() default 10;
}
