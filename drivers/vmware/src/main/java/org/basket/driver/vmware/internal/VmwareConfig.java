package org.basket.driver.vmware.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The keys of a VMware endpoint, {@code org.basket.driver-<name>.cfg} with {@code type = vmware}, besides the
 * core's ({@code name}, {@code type}) and the truststore and timeouts every HTTPS endpoint has ({@code HttpsConfig});
 * {@link VmwareSettings} reads them strictly.
 */
@ObjectClassDefinition(name = "Basket VMware vSphere endpoint",
        description = "A vCenter or a standalone ESXi: its SDK URL, credentials and the truststore its certificate is checked against.")
public @interface VmwareConfig {
    @AttributeDefinition(name = "url", description = "The SDK URL, https://vcenter.example/sdk (https only).")
    String url();

    @AttributeDefinition(name = "username", description = "The vSphere user Basket logs in as.")
    String username();

    @AttributeDefinition(name = "password", description = "Its password; best $[secret:NAME]. Never logged.")
    String password();

    @AttributeDefinition(name = "coexistence", description = "What Basket does with a VM that vSphere HA or fully automated DRS"
            + " manages too: refuse (default: it reports the conflict and does not start, stop or move the VM) or allow"
            + " (the operator made them coexist, e.g. DRS partially automated for Basket's VMs).")
    String coexistence() default "refuse";

    @AttributeDefinition(name = "reconnect.interval.ms", description = "How often a lost session is logged in again.")
    long reconnect_interval_ms() default 2_000;
}
