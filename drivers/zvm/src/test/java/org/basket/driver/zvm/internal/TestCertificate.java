package org.basket.driver.zvm.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The simulator's TLS identity: an EC key and self-signed certificate for 127.0.0.1 and localhost, made once per JVM
 * with the JDK's keytool, and a PKCS12 truststore holding only the certificate, as an operator would make one.
 */
public final class TestCertificate {
    static final String PASSWORD = "simulator";
    private static TestCertificate made;

    final Path keystore;
    final Path truststore;

    private TestCertificate(Path keystore, Path truststore) {
        this.keystore = keystore;
        this.truststore = truststore;
    }

    static synchronized TestCertificate get() {
        if (made == null) {
            try {
                Path dir = Files.createTempDirectory("zvm-sim-tls");
                dir.toFile().deleteOnExit();
                Path keystore = dir.resolve("connector.p12");
                Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                        "-genkeypair", "-keyalg", "EC", "-alias", "zcc", "-dname", "CN=zcc-simulator", "-ext",
                        "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12", "-keystore",
                        keystore.toString(), "-storepass", PASSWORD).redirectErrorStream(true).start();
                String output = new String(keytool.getInputStream().readAllBytes());
                if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
                    throw new IllegalStateException("keytool failed: " + output);
                }
                KeyStore keys = load(keystore);
                KeyStore trust = KeyStore.getInstance("PKCS12");
                trust.load(null, null);
                trust.setCertificateEntry("zcc", keys.getCertificate("zcc"));
                Path truststore = dir.resolve("truststore.p12");
                try (OutputStream out = Files.newOutputStream(truststore)) {
                    trust.store(out, PASSWORD.toCharArray());
                }
                keystore.toFile().deleteOnExit();
                truststore.toFile().deleteOnExit();
                made = new TestCertificate(keystore, truststore);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return made;
    }

    /** The certificate in PEM, the form a client outside Java (Python's requests, curl) trusts. */
    String certificatePem() throws GeneralSecurityException, IOException {
        byte[] der = load(keystore).getCertificate("zcc").getEncoded();
        return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END CERTIFICATE-----\n";
    }

    SSLContext serverContext() throws GeneralSecurityException, IOException {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(load(keystore), PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    private static KeyStore load(Path file) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, PASSWORD.toCharArray());
        }
        return store;
    }
}
