package org.basket.coordination;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import org.apache.zookeeper.client.ZKClientConfig;
import org.basket.api.config.ConfigException;
import org.junit.jupiter.api.Test;

class CoordinationSettingsTest {

    @Test
    void noFileIsTheEmbeddedDefault() throws ConfigException {
        CoordinationSettings settings = CoordinationSettings.from(Map.of("manager.id", "m1"));

        assertEquals(CoordinationSettings.Mode.EMBEDDED, settings.mode());
        assertEquals("m1", settings.managerId());
        assertEquals(Duration.ofMillis(4_000), settings.sessionTimeout());
        assertEquals(Duration.ofMillis(1_500), settings.lease());
        assertEquals("/basket", settings.chroot());
    }

    @Test
    void aMisspeltKeyIsRefusedNamingTheKnownOnes() {
        ConfigException refused = assertThrows(ConfigException.class, () -> CoordinationSettings.from(Map.of(
                "mode", "zookeeper", "zookeeper.conect", "zk1:2181")));

        assertEquals("org.basket.coordination.cfg: key 'zookeeper.conect': unknown key (known keys: auth.digest.secret, "
                + "connection.timeout.ms, lease.ms, manager.id, mode, sasl.login.context, session.timeout.ms, "
                + "tls.enabled, tls.keystore.location, tls.keystore.password, tls.truststore.location, "
                + "tls.truststore.password, zookeeper.chroot, zookeeper.connect)",
                refused.describe("org.basket.coordination.cfg"));
    }

    @Test
    void everyBadValueIsNamedAtOnce() {
        ConfigException refused = assertThrows(ConfigException.class, () -> CoordinationSettings.from(Map.of(
                "mode", "zookeper", "lease.ms", "5000", "manager.id", "m 1")));

        assertEquals("org.basket.coordination.cfg: key 'mode': must be embedded or zookeeper: 'zookeper'; "
                + "key 'manager.id': must be 1 to 64 characters of A-Z a-z 0-9 . _ -: 'm 1'; "
                + "key 'lease.ms': must be shorter than session.timeout.ms (4000): only a session that expired ends a "
                + "leader's lease: '5000'", refused.describe("org.basket.coordination.cfg"));
    }

    @Test
    void theZooKeeperModeNeedsAnEnsembleAndAChrootPathAndHidesTheDigestSecret() throws ConfigException {
        ConfigException noEnsemble = assertThrows(ConfigException.class,
                () -> CoordinationSettings.from(Map.of("mode", "zookeeper", "zookeeper.chroot", "basket")));
        ConfigException badDigest = assertThrows(ConfigException.class, () -> CoordinationSettings.from(Map.of(
                "mode", "zookeeper", "zookeeper.connect", "zk1:2181", "auth.digest.secret", "no-colon-here")));
        CoordinationSettings settings = CoordinationSettings.from(Map.of("mode", "zookeeper", "manager.id", "m1",
                "zookeeper.connect", "zk1:2181, zk2:2181,zk3:2181", "auth.digest.secret", "basket:s3cret"));

        assertEquals("zookeeper.connect", noEnsemble.key());
        assertTrue(noEnsemble.getMessage().contains("key 'zookeeper.chroot': must be an absolute path"),
                noEnsemble.getMessage());
        assertFalse(badDigest.getMessage().contains("no-colon-here"), badDigest.getMessage());
        assertEquals("zk1:2181,zk2:2181,zk3:2181", settings.connect());
        assertFalse(settings.toString().contains("s3cret"), settings.toString());
    }

    @Test
    void tlsGoesToZooKeepersNettyClientWithTheStoresAndSaslToItsLoginContext() throws ConfigException {
        ConfigException noTrust = assertThrows(ConfigException.class, () -> CoordinationSettings.from(Map.of(
                "mode", "zookeeper", "zookeeper.connect", "zk1:2281", "tls.enabled", "true")));
        ConfigException tlsOff = assertThrows(ConfigException.class, () -> CoordinationSettings.from(Map.of(
                "mode", "zookeeper", "zookeeper.connect", "zk1:2281", "tls.truststore.location", "/etc/ts.p12")));
        CoordinationSettings settings = CoordinationSettings.from(Map.of("mode", "zookeeper", "zookeeper.connect",
                "zk1:2281", "tls.enabled", "true", "tls.truststore.location", "/etc/basket/zk-trust.p12",
                "tls.truststore.password", "changeit", "tls.keystore.location", "/etc/basket/zk-m1.p12",
                "tls.keystore.password", "s3cret", "sasl.login.context", "BasketZooKeeper"));

        ZKClientConfig client = Clients.clientConfig(settings);

        assertEquals("tls.truststore.location", noTrust.key());
        assertEquals("tls.truststore.location", tlsOff.key());
        assertEquals("true", client.getProperty(ZKClientConfig.SECURE_CLIENT));
        assertEquals("org.apache.zookeeper.ClientCnxnSocketNetty", client.getProperty(ZKClientConfig.ZOOKEEPER_CLIENT_CNXN_SOCKET));
        assertEquals("/etc/basket/zk-trust.p12", client.getProperty("zookeeper.ssl.trustStore.location"));
        assertEquals("/etc/basket/zk-m1.p12", client.getProperty("zookeeper.ssl.keyStore.location"));
        assertEquals("true", client.getProperty(ZKClientConfig.ENABLE_CLIENT_SASL_KEY));
        assertEquals("BasketZooKeeper", client.getProperty(ZKClientConfig.LOGIN_CONTEXT_NAME_KEY));
        assertFalse(settings.toString().contains("s3cret") || settings.toString().contains("changeit"));
    }
}
