package org.basket.coordination;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.security.auth.login.Configuration;

import org.basket.api.coordination.CoordinationException;
import org.basket.api.coordination.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SASL (DIGEST-MD5) to a real ZooKeeper server that requires it: its JAAS Server section (DigestLoginModule) knows one
 * user; the managers log in with the sections of the same JAAS file, one with the right password, one with a wrong one.
 */
class SaslTest {
    private static final String JAAS_KEY = "java.security.auth.login.config";
    private static ZooKeeperEnsemble server;
    private static Path jaas;

    @BeforeAll
    static void startServerRequiringSasl() throws Exception {
        Path dir = Processes.workDirectory("sasl-jaas");
        jaas = dir.resolve("jaas.conf");
        Files.writeString(jaas, String.join("\n",
                "Server {", "  org.apache.zookeeper.server.auth.DigestLoginModule required", "  user_basket=\"right-secret\";",
                "};",
                "BasketRight {", "  org.apache.zookeeper.server.auth.DigestLoginModule required", "  username=\"basket\"",
                "  password=\"right-secret\";", "};",
                "BasketWrong {", "  org.apache.zookeeper.server.auth.DigestLoginModule required", "  username=\"basket\"",
                "  password=\"wrong-secret\";", "};", ""));
        server = ZooKeeperEnsemble.start("sasl", 1, String.join("\n",
                "authProvider.sasl=org.apache.zookeeper.server.auth.SASLAuthenticationProvider",
                "enforce.auth.enabled=true", "enforce.auth.schemes=sasl", "maxSessionTimeout=10000"),
                List.of("-D" + JAAS_KEY + "=" + jaas, "-Dzookeeper.fips-mode=false"));
        System.setProperty(JAAS_KEY, jaas.toString());
        Configuration.setConfiguration(null); // read again, with this file
    }

    @AfterAll
    static void stopServer() {
        System.clearProperty(JAAS_KEY);
        Configuration.setConfiguration(null);
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aManagerWithTheRightPasswordLeadsAndWrites() throws Exception {
        try (ZooKeeperCoordination manager = ZooKeeperCoordination.start(settings("m1", "BasketRight"))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> manager.role().kind() == Role.Kind.LEADER);
            long epoch = manager.role().epoch();
            ZooKeeperSharedState state = new ZooKeeperSharedState(manager, Clients.acl(settings("m1", "BasketRight")));
            state.write(epoch, "over-sasl", "yes".getBytes(StandardCharsets.UTF_8));

            assertArrayEquals("yes".getBytes(StandardCharsets.UTF_8), state.read("over-sasl").orElseThrow());
        }
    }

    @Test
    void aWrongPasswordIsABadConfigurationNamingTheEnsembleAndTheManagerNeverLeads() throws Exception {
        try (ZooKeeperCoordination manager = ZooKeeperCoordination.start(settings("m2", "BasketWrong"))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> manager.role().doubt() == Role.Doubt.BAD_CONFIGURATION);

            Role role = manager.role();
            assertEquals(Role.Kind.NOT_SURE, role.kind());
            assertEquals("ZooKeeper at " + server.connect() + " refused this manager's authentication (SASL login section "
                    + "BasketWrong of " + jaas + "): wrong user or password?", role.detail());
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).until(
                    () -> manager.role().doubt() == Role.Doubt.BAD_CONFIGURATION && !manager.leadsAt(1));
            assertFalse(manager.leadsAt(manager.role().epoch()));
            ZooKeeperSharedState state = new ZooKeeperSharedState(manager, Clients.acl(settings("m2", "BasketWrong")));
            assertThrows(CoordinationException.class, () -> state.read("over-sasl"));
        }
    }

    private static CoordinationSettings settings(String id, String section) throws Exception {
        return CoordinationSettings.from(Map.of("mode", "zookeeper", "manager.id", id, "zookeeper.connect",
                server.connect(), "zookeeper.chroot", "/sasl", "session.timeout.ms", "4000", "lease.ms", "1500",
                "connection.timeout.ms", "3000", "sasl.login.context", section));
    }
}
