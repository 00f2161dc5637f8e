package org.basket.driver.powervm.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The simulated HMC's key pair and certificate for 127.0.0.1 and a truststore holding it (password "truststore"), made
 * once per JVM by the JDK's keytool in a temporary folder that is deleted when the JVM ends.
 */
final class HmcKeys {
    private static final String KEY_PASSWORD = "simulator";
    private static Path made;

    private HmcKeys() {
    }

    static synchronized Path folder() throws IOException {
        if (made == null) {
            Path folder = Files.createTempDirectory("hmc-sim");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try (var files = Files.list(folder)) {
                    for (Path file : files.toList()) {
                        Files.deleteIfExists(file);
                    }
                    Files.deleteIfExists(folder);
                } catch (IOException e) {
                    // a temporary folder left behind
                }
            }));
            keytool("-genkeypair", "-alias", "hmc", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                    "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-keystore", folder.resolve("hmc.p12").toString(),
                    "-storetype", "PKCS12", "-storepass", KEY_PASSWORD, "-keypass", KEY_PASSWORD);
            keytool("-exportcert", "-alias", "hmc", "-keystore", folder.resolve("hmc.p12").toString(), "-storepass", KEY_PASSWORD,
                    "-file", folder.resolve("hmc.crt").toString());
            keytool("-importcert", "-noprompt", "-alias", "hmc", "-file", folder.resolve("hmc.crt").toString(), "-keystore",
                    folder.resolve("truststore.p12").toString(), "-storetype", "PKCS12", "-storepass", "truststore");
            made = folder;
        }
        return made;
    }

    static Path truststore() throws IOException {
        return folder().resolve("truststore.p12");
    }

    /** The server side's TLS with the simulator's key. */
    static SSLContext serverContext() throws IOException {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(folder().resolve("hmc.p12"))) {
                store.load(in, KEY_PASSWORD.toCharArray());
            }
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(store, KEY_PASSWORD.toCharArray());
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(keyManagers.getKeyManagers(), null, null);
            return tls;
        } catch (GeneralSecurityException e) {
            throw new IOException("simulated HMC: TLS setup failed: " + e.getMessage(), e);
        }
    }

    private static void keytool(String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (process.waitFor() != 0) {
                throw new IOException("keytool " + arguments[0] + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("keytool interrupted");
        }
    }
}
