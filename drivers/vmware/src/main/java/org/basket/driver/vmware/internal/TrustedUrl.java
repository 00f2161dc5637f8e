package org.basket.driver.vmware.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

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
        SSLSocketFactory sockets = socketFactory(settings);
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

    private static SSLSocketFactory socketFactory(VmwareSettings settings) throws DriverException {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            if (settings.truststore().isPresent()) {
                KeyStore store = KeyStore.getInstance(settings.truststoreType());
                try (InputStream in = Files.newInputStream(settings.truststore().get())) {
                    store.load(in, settings.truststorePassword().toCharArray());
                }
                trust.init(store);
            } else {
                trust.init((KeyStore) null);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (IOException | GeneralSecurityException e) {
            throw new DriverException("driver '" + settings.endpoint() + "': key 'truststore': cannot read '"
                    + settings.truststore().map(Object::toString).orElse("") + "': " + e.getMessage(), e);
        }
    }
}
