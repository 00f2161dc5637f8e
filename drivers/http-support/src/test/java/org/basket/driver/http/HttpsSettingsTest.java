package org.basket.driver.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;

import org.basket.api.config.ConfigException;
import org.basket.api.config.KeyProblems;
import org.basket.api.driver.DriverException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/** The keys every HTTPS endpoint has, read strictly, and the client they make: trusting its truststore only. */
class HttpsSettingsTest {
    private static final String PASSWORD = "store-pw-7";

    @TempDir
    Path dir;

    @Test
    void readsTheDefaultsAndNeverShowsTheTruststorePassword() {
        KeyProblems problems = new KeyProblems();
        HttpsSettings settings = HttpsSettings.read(Map.of("truststore", " ", "truststore.password", PASSWORD,
                "truststore.type", " pkcs12 ", "url", "left to the driver"), problems);

        assertTrue(problems.isEmpty());
        assertEquals(Optional.empty(), settings.truststore());
        assertEquals("PKCS12", settings.truststoreType());
        assertEquals(60_000, settings.callTimeout().toMillis());
        assertEquals("truststore=(JVM default), truststoreType=PKCS12, connectTimeout=PT10S, callTimeout=PT1M", settings.toString());
    }

    @Test
    void namesEveryBadValueAndNeverThePassword() {
        KeyProblems problems = new KeyProblems();
        HttpsSettings.read(Map.of("truststore", "/nonexistent/ts.p12", "truststore.password", PASSWORD, "truststore.type", "PEM",
                "connect.timeout.ms", "5", "call.timeout.ms", "10"), problems);

        ConfigException e = assertThrows(ConfigException.class, problems::throwIfAny);
        String message = e.describe("driver 'x'");
        for (String key : new String[] { "truststore", "truststore.type", "connect.timeout.ms", "call.timeout.ms" }) {
            assertTrue(message.contains("key '" + key + "'"), key + " in " + message);
        }
        assertTrue(message.contains("key 'truststore': no readable file: '/nonexistent/ts.p12'"), message);
        assertFalse(message.contains(PASSWORD), message);
    }

    @Test
    void aTruststoreThatDoesNotLoadNamesTheEndpointKeyAndFileButNotThePassword() throws Exception {
        Path truststore = truststoreOf(keystore());
        HttpsSettings wrong = read(truststore.toString(), "wrong-pw-3");

        DriverException e = assertThrows(DriverException.class, () -> wrong.sslContext("hmc"));
        assertTrue(e.getMessage().startsWith("driver 'hmc': key 'truststore': cannot read '" + truststore + "'"), e.getMessage());
        assertFalse(e.getMessage().contains("wrong-pw-3"), e.getMessage());
    }

    @Test
    void theClientTrustsTheTruststoreOnlyAndFollowsNoRedirect() throws Exception {
        Path keystore = keystore();
        HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverContext(keystore)));
        server.createContext("/", exchange -> {
            exchange.getResponseHeaders().add("Location", "https://127.0.0.1:1/elsewhere");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.start();
        try {
            URI uri = URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/");
            HttpsSettings trusting = read(truststoreOf(keystore).toString(), PASSWORD);
            HttpsSettings jvmDefault = read("", "");

            assertEquals(302, get(trusting.client("e").build(), uri).statusCode());
            assertThrows(SSLHandshakeException.class, () -> get(jvmDefault.client("e").build(), uri));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aValueOfTheWrongTypeIsNamedToo() {
        KeyProblems problems = new KeyProblems();

        assertEquals(null, HttpsSettings.read(Map.of("connect.timeout.ms", "soon"), problems));
        assertTrue(assertThrows(ConfigException.class, problems::throwIfAny).describe("e").contains("key 'connect.timeout.ms'"));
    }

    private static HttpsSettings read(String truststore, String password) {
        KeyProblems problems = new KeyProblems();
        HttpsSettings settings = HttpsSettings.read(Map.of("truststore", truststore, "truststore.password", password,
                "connect.timeout.ms", "1000", "call.timeout.ms", "5000"), problems);
        assertTrue(problems.isEmpty());
        return settings;
    }

    private static HttpResponse<Void> get(HttpClient client, URI uri) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri).timeout(java.time.Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.discarding());
    }

    /** An EC key and a self-signed certificate for 127.0.0.1, made with the JDK's keytool. */
    private Path keystore() throws Exception {
        Path keystore = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-keyalg", "EC", "-alias", "server", "-dname", "CN=https-support-test", "-ext",
                "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", PASSWORD).redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        assertTrue(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0, output);
        return keystore;
    }

    /** A truststore holding only the server's certificate, as an operator would make one. */
    private Path truststoreOf(Path keystore) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", load(keystore).getCertificate("server"));
        Path truststore = dir.resolve("truststore.p12");
        try (OutputStream out = Files.newOutputStream(truststore)) {
            trust.store(out, PASSWORD.toCharArray());
        }
        return truststore;
    }

    private static SSLContext serverContext(Path keystore) throws Exception {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(load(keystore), PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    private static KeyStore load(Path file) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, PASSWORD.toCharArray());
        }
        return store;
    }
}
