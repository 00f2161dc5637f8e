package org.basket.itests.web;

import static org.junit.Assert.assertEquals;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.junit.Test;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;

/** TLS as docs/rest.md configures it: Pax Web's keys in etc/org.ops4j.pax.web.cfg, a keystore made with keytool. */
public class TlsIT extends RestTestSupport {
    private static final String PASSWORD = "changeit-test";

    @Configuration
    @Override
    public Option[] config() {
        Path dir = new File("target/tls").getAbsoluteFile().toPath();
        Path keystore = dir.resolve("basket-rest.p12");
        Path certificate = dir.resolve("basket-rest.crt");
        keytool(dir, keystore, certificate);
        String port = Integer.toString(freeTlsPort());
        String cfg = "etc/org.ops4j.pax.web.cfg";
        return OptionUtils.combine(super.config(),
                editConfigurationFilePut(cfg, "org.osgi.service.http.secure.enabled", "true"),
                editConfigurationFilePut(cfg, "org.osgi.service.http.port.secure", port),
                editConfigurationFilePut(cfg, "org.ops4j.pax.web.ssl.keystore", keystore.toString()),
                editConfigurationFilePut(cfg, "org.ops4j.pax.web.ssl.keystore.type", "PKCS12"),
                editConfigurationFilePut(cfg, "org.ops4j.pax.web.ssl.keystore.password", PASSWORD),
                editConfigurationFilePut(cfg, "org.ops4j.pax.web.ssl.key.password", PASSWORD),
                editConfigurationFilePut("etc/system.properties", "basket.test.tlsPort", port),
                editConfigurationFilePut("etc/system.properties", "basket.test.certificate", certificate.toString()));
    }

    private static void keytool(Path dir, Path keystore, Path certificate) {
        try {
            Files.createDirectories(dir);
            Files.deleteIfExists(keystore);
            run("keytool", "-genkeypair", "-keyalg", "EC", "-alias", "basket", "-dname", "CN=basket-test",
                    "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                    "-storepass", PASSWORD, "-keypass", PASSWORD);
            run("keytool", "-exportcert", "-rfc", "-alias", "basket", "-keystore", keystore.toString(), "-storepass",
                    PASSWORD, "-file", certificate.toString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + ": " + output);
        }
    }

    private static int freeTlsPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    public void theApiAnswersOverTlsWithTheConfiguredCertificate() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(Path.of(System.getProperty("basket.test.certificate")))) {
            trust.setCertificateEntry("basket", (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(in));
        }
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trustManagers.getTrustManagers(), null);
        HttpClient client = HttpClient.newBuilder().sslContext(tls).build();
        URI uri = URI.create("https://127.0.0.1:" + System.getProperty("basket.test.tlsPort") + "/api/hosts");
        HttpResponse<String> answer = client.send(HttpRequest.newBuilder(uri).header("Authorization", basic("vera"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(answer.body(), 200, answer.statusCode());
        assertEquals(cluster.snapshot().state().hosts().size(), json(answer).size());
        assertEquals("CN=basket-test", ((X509Certificate) answer.sslSession().orElseThrow().getPeerCertificates()[0])
                .getSubjectX500Principal().getName());
        HttpResponse<String> refused = client.send(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals("no login over TLS either", 401, refused.statusCode());
    }
}
