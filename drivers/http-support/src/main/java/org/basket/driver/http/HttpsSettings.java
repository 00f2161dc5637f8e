package org.basket.driver.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.basket.api.config.ConfigException;
import org.basket.api.config.KeyProblems;
import org.basket.api.config.StrictConfig;
import org.basket.api.driver.DriverException;

/**
 * The keys every HTTPS endpoint of a driver has ({@link HttpsConfig}), read: the truststore its certificate is checked against (none: the
 * JVM's default trust; there is no way to trust every certificate) and the connect and call timeouts. The truststore's
 * password is never part of a message or {@link #toString()}.
 */
public record HttpsSettings(Optional<Path> truststore, String truststorePassword, String truststoreType,
                            Duration connectTimeout, Duration callTimeout) {

    /**
     * Reads {@link HttpsConfig}'s keys of an endpoint's configuration (its other keys are left to the caller, which
     * checks them with {@code StrictConfig.read(OwnConfig.class, raw, problems, HttpsConfig.class)}); each bad one is
     * added to {@code problems}, and then the answer is null.
     */
    public static HttpsSettings read(Map<String, ?> raw, KeyProblems problems) {
        HttpsConfig c;
        try {
            c = StrictConfig.read(HttpsConfig.class, raw, true);
        } catch (ConfigException e) {
            problems.add(e);
            return null;
        }
        return read(problems, c.truststore(), c.truststore_password(), c.truststore_type(), c.connect_timeout_ms(),
                c.call_timeout_ms());
    }

    /**
     * Checks the values of the keys {@code truststore}, {@code truststore.password}, {@code truststore.type},
     * {@code connect.timeout.ms} and {@code call.timeout.ms}; each bad one is added to {@code problems}.
     */
    private static HttpsSettings read(KeyProblems problems, String truststore, String truststorePassword, String truststoreType,
                                      long connectTimeoutMs, long callTimeoutMs) {
        Optional<Path> store = truststore.isBlank() ? Optional.empty() : Optional.of(Path.of(truststore.trim()));
        store.filter(path -> !Files.isReadable(path)).ifPresent(path -> problems.add("truststore", path, "no readable file"));
        String type = truststoreType.trim().toUpperCase(Locale.ROOT);
        if (!type.equals("PKCS12") && !type.equals("JKS")) {
            problems.add("truststore.type", truststoreType, "neither PKCS12 nor JKS");
        }
        Duration connect = Duration.ofMillis(problems.within("connect.timeout.ms", connectTimeoutMs, 100, 600_000));
        Duration call = Duration.ofMillis(problems.within("call.timeout.ms", callTimeoutMs, 1_000, 3_600_000));
        return new HttpsSettings(store, truststorePassword, type, connect, call);
    }

    /**
     * TLS that trusts the truststore only (or the JVM's default trust), host names checked; nothing JVM-wide is changed.
     * A truststore that does not load is a DriverException naming {@code driver '<endpoint>'}, the key and the file.
     */
    public SSLContext sslContext(String endpoint) throws DriverException {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            if (truststore.isPresent()) {
                KeyStore store = KeyStore.getInstance(truststoreType);
                try (InputStream in = Files.newInputStream(truststore.get())) {
                    store.load(in, truststorePassword.toCharArray());
                }
                trust.init(store);
            } else {
                trust.init((KeyStore) null);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new DriverException("driver '" + endpoint + "': key 'truststore': cannot read '"
                    + truststore.map(Object::toString).orElse("") + "': " + e.getMessage(), e);
        }
    }

    /** The JDK's HTTP client with {@link #sslContext}, the connect timeout, and redirects never followed. */
    public HttpClient.Builder client(String endpoint) throws DriverException {
        return HttpClient.newBuilder().sslContext(sslContext(endpoint)).connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER);
    }

    @Override
    public String toString() {
        return "truststore=" + truststore.map(Path::toString).orElse("(JVM default)") + ", truststoreType=" + truststoreType
                + ", connectTimeout=" + connectTimeout + ", callTimeout=" + callTimeout;
    }
}
