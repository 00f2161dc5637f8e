package org.basket.driver.vmware.internal;

import org.basket.api.driver.DriverConfig;
import org.basket.api.driver.DriverException;
import org.basket.api.driver.DriverListener;
import org.basket.api.driver.HypervisorDriver;
import org.basket.api.driver.HypervisorDriverFactory;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The VMware driver, type {@code vmware}: an endpoint is a vCenter or a standalone ESXi, reached through vijava. */
@Component(service = HypervisorDriverFactory.class,
        property = HypervisorDriverFactory.TYPE_PROPERTY + "=" + VmwareDriverFactory.TYPE)
public class VmwareDriverFactory implements HypervisorDriverFactory {

    static final String TYPE = "vmware";

    private static final Logger LOG = LoggerFactory.getLogger(VmwareDriverFactory.class);

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public HypervisorDriver open(DriverConfig config, DriverListener listener) throws DriverException {
        VmwareSettings settings = VmwareSettings.parse(config);
        VmwareEndpoint endpoint = new VmwareEndpoint(settings, TrustedUrl.of(settings), listener);
        endpoint.open();
        LOG.info("VMware driver '{}' opened: {}", config.name(), settings);
        return endpoint;
    }
}
