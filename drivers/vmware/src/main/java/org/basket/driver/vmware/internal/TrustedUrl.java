package org.basket.driver.vmware.internal;

import java.io.IOException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSocketFactory;

import org.basket.api.driver.DriverException;

/**
 * The endpoint's SDK URL, whose connections trust the endpoint's truststore only (or the JVM's default
 * trust when none is configured) and check the host name; nothing JVM-wide is changed, unlike vijava's
 * {@code ignoreCert}.
 */
final class TrustedUrl {
    private TrustedUrl() {
    }

    static URL of(VmwareSettings settings) throws DriverException {
        SSLSocketFactory sockets = settings.https().sslContext(settings.endpoint()).getSocketFactory();
        URLStreamHandler handler = new URLStreamHandler() {
            @Override
            protected URLConnection openConnection(URL url) throws IOException {
                HttpsURLConnection connection = (HttpsURLConnection) new URL(url.toExternalForm()).openConnection();
                connection.setSSLSocketFactory(sockets);
                return connection;
            }
        };
        try {
            return new URL(null, settings.url().toString(), handler);
        } catch (IOException e) {
            throw new DriverException("driver '" + settings.endpoint() + "': key 'url': not a URL: '" + settings.url() + "'");
        }
    }
}
