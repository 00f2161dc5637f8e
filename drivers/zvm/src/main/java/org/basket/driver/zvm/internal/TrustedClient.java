package org.basket.driver.zvm.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.basket.api.driver.DriverException;

/**
 * The endpoint's HTTP client: TLS trusting the endpoint's truststore only (or the JVM's default trust when none is
 * configured), host names checked; nothing JVM-wide is changed.
 */
final class TrustedClient {
    private TrustedClient() {
    }

    static HttpClient of(ZvmSettings settings) throws DriverException {
        return HttpClient.newBuilder().sslContext(context(settings)).connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();
    }

    private static SSLContext context(ZvmSettings settings) throws DriverException {
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
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new DriverException("driver '" + settings.endpoint() + "': key 'truststore': cannot read '"
                    + settings.truststore().map(Object::toString).orElse("") + "': " + e.getMessage(), e);
        }
    }
}
