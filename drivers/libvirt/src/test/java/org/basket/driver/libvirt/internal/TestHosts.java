package org.basket.driver.libvirt.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.basket.api.driver.DriverConfig;
import org.basket.api.driver.DriverException;
import org.basket.api.driver.HostBinding;
import org.basket.testsupport.RecordingDriverListener;

/** Hosts of libvirt's test driver, each a fresh copy of a node file, so tests do not share state. */
final class TestHosts {
    private TestHosts() {
    }

    /** A test:/// URI for a private copy of the node file under the directory. */
    static String uri(Path directory, String hostName, String nodeFile) throws IOException {
        Path copy = directory.resolve(hostName + "-" + nodeFile);
        try (InputStream in = TestHosts.class.getResourceAsStream("/" + nodeFile)) {
            Files.copy(in, copy);
        }
        return "test://" + copy.toAbsolutePath();
    }

    static HostBinding binding(String name, String uri) {
        return new HostBinding(name, uri, Map.of());
    }

    static LibvirtEndpoint open(String name, Map<String, String> properties, RecordingDriverListener listener)
            throws DriverException {
        return (LibvirtEndpoint) new LibvirtDriverFactory().open(new DriverConfig(name, "libvirt", properties),
                listener);
    }
}
