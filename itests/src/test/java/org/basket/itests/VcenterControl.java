package org.basket.itests;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Inside the distribution: the simulated vCenter's test-only control endpoint (what vCenter sees changed through
 * the simulator's own update path), over TLS trusting the simulator's certificate only.
 */
final class VcenterControl {
    private final URI base;
    private final HttpClient client;

    VcenterControl() throws Exception {
        base = URI.create(System.getProperty("vsphere.url")).resolve("/basket-test/");
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(Path.of(System.getProperty("vsphere.truststore")))) {
            store.load(in, System.getProperty("vsphere.truststore.password").toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        client = HttpClient.newBuilder().sslContext(tls).build();
    }

    /** A POST such as {@code vm?name=V&power=poweredOff}; fails unless answered 200. */
    String post(String pathAndQuery) throws IOException, InterruptedException {
        return call("POST", pathAndQuery);
    }

    String get(String pathAndQuery) throws IOException, InterruptedException {
        return call("GET", pathAndQuery);
    }

    private String call(String method, String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(base.resolve(pathAndQuery))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("vsphere-sim control " + pathAndQuery + ": " + response.statusCode() + " " + response.body());
        }
        return response.body().trim();
    }
}
