package org.basket.driver.libvirt.internal;

import org.basket.api.driver.DriverConfig;
import org.basket.api.driver.DriverException;
import org.basket.api.driver.DriverListener;
import org.basket.api.driver.HypervisorDriver;
import org.basket.api.driver.HypervisorDriverFactory;
import org.libvirt.LibvirtException;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The libvirt driver, type {@code libvirt}: hosts are libvirt URIs of KVM/QEMU, Xen (libxl) or
 * the test driver. libvirt's event loop starts with the first endpoint and stops with this component.
 */
@Component(service = HypervisorDriverFactory.class,
        property = HypervisorDriverFactory.TYPE_PROPERTY + "=" + LibvirtDriverFactory.TYPE)
public class LibvirtDriverFactory implements HypervisorDriverFactory {

    static final String TYPE = "libvirt";

    private static final Logger LOG = LoggerFactory.getLogger(LibvirtDriverFactory.class);

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public HypervisorDriver open(DriverConfig config, DriverListener listener) throws DriverException {
        LibvirtSettings settings = LibvirtSettings.parse(config);
        try {
            EventLoop.ensureRunning();
        } catch (LibvirtException | LinkageError e) {
            throw new DriverException("driver '" + config.name() + "': libvirt is not usable here (is libvirt0 installed?): "
                    + e.getMessage(), e);
        }
        LOG.info("libvirt driver '{}' opened: {}", config.name(), settings);
        return new LibvirtEndpoint(config.name(), settings, listener);
    }

    @Deactivate
    void deactivate() {
        EventLoop.stop();
    }
}
