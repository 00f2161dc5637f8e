package org.basket.coordination;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.apache.zookeeper.client.ZKClientConfig;
import org.basket.api.coordination.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The coordination over TLS to a real ZooKeeper server's secure client port (Netty, mutual authentication). */
class TlsTest {
    private static final String PASSWORD = "changeit";
    private static ZooKeeperEnsemble server;
    private static int securePort;
    private static Path keys;

    @BeforeAll
    static void startSecureServer() throws Exception {
        keys = Processes.workDirectory("tls-keys");
        selfSigned(keys, "trusted");
        selfSigned(keys, "stranger");
        trust(keys, "trusted");
        securePort = Processes.freePort();
        Path store = keys.resolve("trusted.p12");
        Path trust = keys.resolve("trust.p12");
        server = ZooKeeperEnsemble.start("tls", 1, String.join("\n", "secureClientPort=" + securePort,
                "serverCnxnFactory=org.apache.zookeeper.server.NettyServerCnxnFactory",
                "ssl.keyStore.location=" + store, "ssl.keyStore.password=" + PASSWORD,
                "ssl.trustStore.location=" + trust, "ssl.trustStore.password=" + PASSWORD));
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aManagerWithTheTrustedCertificateLeadsAndWritesOverTls() throws Exception {
        try (ZooKeeperCoordination manager = ZooKeeperCoordination.start(settings("trusted"))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> manager.role().kind() == Role.Kind.LEADER);
            ZooKeeperSharedState state = new ZooKeeperSharedState(manager, Clients.acl(settings("trusted")));
            long epoch = manager.role().epoch();
            state.write(epoch, "over-tls", "yes".getBytes(StandardCharsets.UTF_8));

            assertArrayEquals("yes".getBytes(StandardCharsets.UTF_8), state.read("over-tls").orElseThrow());
            assertEquals("org.apache.zookeeper.ClientCnxnSocketNetty",
                    manager.zooKeeper().getClientConfig().getProperty(ZKClientConfig.ZOOKEEPER_CLIENT_CNXN_SOCKET));
        }
    }

    @Test
    void aManagerWhoseCertificateTheServerDoesNotTrustNeverConnects() throws Exception {
        try (ZooKeeperCoordination stranger = ZooKeeperCoordination.start(settings("stranger"))) {
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                    .until(() -> stranger.role().doubt() == Role.Doubt.UNREACHABLE);
            assertFalse(stranger.leadsAt(1));
        }
    }

    private static CoordinationSettings settings(String identity) throws Exception {
        Map<String, String> properties = new HashMap<>(Map.of("mode", "zookeeper", "manager.id", identity,
                "zookeeper.connect", "127.0.0.1:" + securePort, "zookeeper.chroot", "/tls", "session.timeout.ms", "4000",
                "lease.ms", "1000", "tls.enabled", "true"));
        properties.putAll(Map.of("tls.truststore.location", keys.resolve("trust.p12").toString(),
                "tls.truststore.password", PASSWORD, "tls.keystore.location", keys.resolve(identity + ".p12").toString(),
                "tls.keystore.password", PASSWORD));
        return CoordinationSettings.from(properties);
    }

    /** trust.p12: the certificate of {@code name}'s store, the one both sides trust. */
    private static void trust(Path directory, String name) {
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Path certificate = directory.resolve(name + ".crt");
        Processes.run(keytool, "-exportcert", "-alias", name, "-keystore", directory.resolve(name + ".p12").toString(),
                "-storepass", PASSWORD, "-file", certificate.toString());
        Processes.run(keytool, "-importcert", "-noprompt", "-alias", name, "-file", certificate.toString(), "-storetype",
                "PKCS12", "-keystore", directory.resolve("trust.p12").toString(), "-storepass", PASSWORD);
    }

    /** A PKCS12 store with a self-signed key for 127.0.0.1, made by the JDK's keytool. */
    private static void selfSigned(Path directory, String name) {
        Processes.run(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair", "-alias", name,
                "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name, "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", directory.resolve(name + ".p12").toString(),
                "-storepass", PASSWORD, "-keypass", PASSWORD);
    }
}
