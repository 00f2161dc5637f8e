package org.basket.channel.pki;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS 1.3 contexts that trust exactly one CA (the pinned agent CA) and present an optional key.
 * The JDK's checks of key usage apply: an agent certificate cannot pass as a server's, nor the
 * manager's as a client's.
 */
public final class TlsContexts {
    public static final String PROTOCOL = "TLSv1.3";
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";

    private TlsContexts() {
    }

    /** {@code identity} may be null: an agent that enrols has no certificate yet. */
    public static SSLContext create(KeyIdentity identity, X509Certificate trustedCa) throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance(PROTOCOL);
        context.init(identity == null ? null : keyManagers(identity), trustManagers(trustedCa), new SecureRandom());
        return context;
    }

    public static void restrictToTls13(SSLSocket socket) {
        socket.setEnabledProtocols(new String[] {PROTOCOL});
    }

    /**
     * Closes without waiting for the peer: with a read timeout set, the JDK's TLS 1.3 close first
     * reads what the peer still sends, which blocks until the peer closes too.
     */
    public static void closeNow(SSLSocket socket) {
        try {
            socket.setSoTimeout(0);
        } catch (IOException ignored) {
            // already closed
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    /** The peer's leaf certificate after the handshake, checked to be a TLS server's (the manager's). */
    public static X509Certificate requireServerCertificate(SSLSocket socket) throws IOException {
        X509Certificate peer = (X509Certificate) socket.getSession().getPeerCertificates()[0];
        try {
            List<String> usages = peer.getExtendedKeyUsage();
            if (usages == null || !usages.contains(SERVER_AUTH)) {
                throw new SSLPeerUnverifiedException("the peer's certificate "
                        + peer.getSubjectX500Principal().getName() + " is not a server certificate of the pinned CA");
            }
        } catch (CertificateParsingException e) {
            throw new SSLPeerUnverifiedException("unreadable peer certificate: " + e.getMessage());
        }
        return peer;
    }

    private static KeyManager[] keyManagers(KeyIdentity identity) throws GeneralSecurityException {
        char[] password = randomPassword();
        KeyStore store = emptyStore();
        store.setKeyEntry("identity", identity.privateKey(), password, identity.chain().toArray(Certificate[]::new));
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, password);
        return factory.getKeyManagers();
    }

    private static TrustManager[] trustManagers(X509Certificate trustedCa) throws GeneralSecurityException {
        KeyStore store = emptyStore();
        store.setCertificateEntry("agent-ca", trustedCa);
        TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
        factory.init(store);
        return factory.getTrustManagers();
    }

    private static KeyStore emptyStore() throws GeneralSecurityException {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            return store;
        } catch (IOException e) {
            throw new GeneralSecurityException("cannot create an in-memory key store", e);
        }
    }

    private static char[] randomPassword() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes).toCharArray();
    }
}
