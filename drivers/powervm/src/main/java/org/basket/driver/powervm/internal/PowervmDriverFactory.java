package org.basket.driver.powervm.internal;

import org.basket.api.driver.DriverConfig;
import org.basket.api.driver.DriverException;
import org.basket.api.driver.DriverListener;
import org.basket.api.driver.HypervisorDriver;
import org.basket.api.driver.HypervisorDriverFactory;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The PowerVM driver, type {@code powervm}: an endpoint is an HMC, each of its managed systems a host, each partition a VM. */
@Component(service = HypervisorDriverFactory.class,
        property = HypervisorDriverFactory.TYPE_PROPERTY + "=" + PowervmDriverFactory.TYPE)
public class PowervmDriverFactory implements HypervisorDriverFactory {

    static final String TYPE = "powervm";

    private static final Logger LOG = LoggerFactory.getLogger(PowervmDriverFactory.class);

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public HypervisorDriver open(DriverConfig config, DriverListener listener) throws DriverException {
        PowervmSettings settings = PowervmSettings.parse(config);
        PowervmEndpoint endpoint = new PowervmEndpoint(settings, new HmcClient(settings));
        endpoint.open();
        LOG.info("PowerVM driver '{}' opened: {}", config.name(), settings);
        return endpoint;
    }
}
