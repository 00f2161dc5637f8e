package org.basket.coordination;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.api.ACLProvider;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.client.ZKClientConfig;
import org.apache.zookeeper.common.ClientX509Util;
import org.apache.zookeeper.common.X509Util;
import org.apache.zookeeper.data.ACL;

/** A Curator client for the settings: the ensemble, the session timeout, TLS, SASL and digest authentication. */
final class Clients {
    private Clients() {
    }

    static CuratorFramework of(CoordinationSettings settings) {
        CuratorFrameworkFactory.Builder builder = CuratorFrameworkFactory.builder()
                .connectString(settings.connect())
                .sessionTimeoutMs((int) settings.sessionTimeout().toMillis())
                .connectionTimeoutMs((int) settings.connectionTimeout().toMillis())
                // a few quick retries: the lease, not a long retry, decides whether this manager may act
                .retryPolicy(new ExponentialBackoffRetry(100, 3, 1_000))
                .zkClientConfig(clientConfig(settings))
                // the servers are the ones configured: never replaced by what the ensemble's config node says
                .ensembleTracker(false);
        settings.digest().ifPresent(digest -> builder.authorization("digest", digest.getBytes(StandardCharsets.UTF_8))
                .aclProvider(creatorOnly()));
        return builder.build();
    }

    static ZKClientConfig clientConfig(CoordinationSettings settings) {
        ZKClientConfig config = new ZKClientConfig();
        config.setProperty(ZKClientConfig.ENABLE_CLIENT_SASL_KEY, Boolean.toString(settings.saslLoginContext().isPresent()));
        settings.saslLoginContext().ifPresent(context -> {
            config.setProperty(ZKClientConfig.LOGIN_CONTEXT_NAME_KEY, context);
            // ZooKeeper's FIPS mode (on by default) refuses DIGEST-MD5; Kerberos is not affected
            config.setProperty(X509Util.FIPS_MODE_PROPERTY, "false");
        });
        settings.tls().ifPresent(tls -> {
            config.setProperty(ZKClientConfig.SECURE_CLIENT, "true");
            config.setProperty(ZKClientConfig.ZOOKEEPER_CLIENT_CNXN_SOCKET, "org.apache.zookeeper.ClientCnxnSocketNetty");
            try (ClientX509Util x509 = new ClientX509Util()) {
                config.setProperty(x509.getSslTruststoreLocationProperty(), tls.trustStore());
                config.setProperty(x509.getSslTruststorePasswdProperty(), tls.trustStorePassword());
                if (!tls.keyStore().isEmpty()) {
                    config.setProperty(x509.getSslKeystoreLocationProperty(), tls.keyStore());
                    config.setProperty(x509.getSslKeystorePasswdProperty(), tls.keyStorePassword());
                }
            }
        });
        return config;
    }

    /** With digest authentication every node is its creator's: managers of the same user, nobody else. */
    static List<ACL> acl(CoordinationSettings settings) {
        return settings.digest().isPresent() ? ZooDefs.Ids.CREATOR_ALL_ACL : ZooDefs.Ids.OPEN_ACL_UNSAFE;
    }

    private static ACLProvider creatorOnly() {
        return new ACLProvider() {
            @Override
            public List<ACL> getDefaultAcl() {
                return ZooDefs.Ids.CREATOR_ALL_ACL;
            }

            @Override
            public List<ACL> getAclForPath(String path) {
                return ZooDefs.Ids.CREATOR_ALL_ACL;
            }
        };
    }
}
