package org.basket.driver.powervm.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The keys of a PowerVM endpoint, {@code org.basket.driver-<name>.cfg} with {@code type = powervm}, besides the
 * core's ({@code name}, {@code type}) and the truststore and timeouts every HTTPS endpoint has ({@code HttpsConfig});
 * {@link PowervmSettings} reads them strictly.
 */
@ObjectClassDefinition(name = "Basket PowerVM HMC endpoint",
        description = "An IBM Hardware Management Console: its REST API URL, credentials and the truststore its certificate is checked against.")
public @interface PowervmConfig {
    @AttributeDefinition(name = "url", description = "The HMC's REST API base, https://hmc.example:12443 (https only).")
    String url();

    @AttributeDefinition(name = "username", description = "The HMC user Basket logs on as.")
    String username();

    @AttributeDefinition(name = "password", description = "Its password; best $[secret:NAME]. Never logged.")
    String password();

    @AttributeDefinition(name = "job.poll.ms", description = "How often a running job (PowerOn, PowerOff, Migrate, RemoteRestart) is read.")
    long job_poll_ms() default 1_000;

    @AttributeDefinition(name = "job.timeout.ms", description = "How long Basket follows one job before it reports it as not finished.")
    long job_timeout_ms() default 1_800_000;
}
