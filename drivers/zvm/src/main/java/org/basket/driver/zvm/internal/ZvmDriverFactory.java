package org.basket.driver.zvm.internal;

import java.net.http.HttpClient;

import org.basket.api.driver.DriverConfig;
import org.basket.api.driver.DriverException;
import org.basket.api.driver.DriverListener;
import org.basket.api.driver.HypervisorDriver;
import org.basket.api.driver.HypervisorDriverFactory;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The z/VM driver, type {@code zvm}: an endpoint is an SSI cluster, each member reached through its Cloud Connector. */
@Component(service = HypervisorDriverFactory.class,
        property = HypervisorDriverFactory.TYPE_PROPERTY + "=" + ZvmDriverFactory.TYPE)
public class ZvmDriverFactory implements HypervisorDriverFactory {

    static final String TYPE = "zvm";

    private static final Logger LOG = LoggerFactory.getLogger(ZvmDriverFactory.class);

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public HypervisorDriver open(DriverConfig config, DriverListener listener) throws DriverException {
        ZvmSettings settings = ZvmSettings.parse(config);
        HttpClient http = settings.https().client(config.name()).version(HttpClient.Version.HTTP_1_1).build();
        ZvmEndpoint endpoint = new ZvmEndpoint(settings, http, listener);
        endpoint.open();
        LOG.info("z/VM driver '{}' opened: {}", config.name(), settings);
        return endpoint;
    }
}
