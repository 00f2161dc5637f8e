package org.basket.agent.monitors.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * HTTP clients: one that trusts the JVM's certificate authorities, and one per {@code ca.file} (PEM
 * certificates trusted instead of the JVM's), rebuilt when that file changes. Host names are verified.
 */
final class TrustedClients {

    private final HttpClient standard = builder().build();
    private final Map<Path, Trusted> byCaFile = new ConcurrentHashMap<>();

    HttpClient standard() {
        return standard;
    }

    HttpClient trusting(Path caFile) throws IOException, GeneralSecurityException {
        long modified = Files.getLastModifiedTime(caFile).toMillis();
        Trusted known = byCaFile.get(caFile);
        if (known != null && known.modified() == modified) {
            return known.client();
        }
        HttpClient client = builder().sslContext(sslContext(caFile)).build();
        byCaFile.put(caFile, new Trusted(modified, client));
        return client;
    }

    private static HttpClient.Builder builder() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER);
    }

    private static SSLContext sslContext(Path caFile) throws IOException, GeneralSecurityException {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        try (InputStream in = Files.newInputStream(caFile)) {
            int index = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trusted.setCertificateEntry("ca-" + index++, certificate);
            }
            if (index == 0) {
                throw new GeneralSecurityException("no certificate in " + caFile);
            }
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    private record Trusted(long modified, HttpClient client) {
    }
}
