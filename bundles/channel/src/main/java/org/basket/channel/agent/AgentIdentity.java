package org.basket.channel.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

import org.basket.channel.pki.AgentNames;
import org.basket.channel.pki.KeyIdentity;
import org.basket.channel.pki.Pem;
import org.basket.channel.pki.SecureFiles;

/**
 * What an enrolled agent keeps in its directory: {@code agent.key} (0600, made on the agent, never
 * sent), {@code agent.crt} (issued by the manager's CA) and {@code ca.crt} (the pinned CA).
 */
public final class AgentIdentity {
    static final String KEY_FILE = "agent.key";
    static final String CERTIFICATE_FILE = "agent.crt";
    static final String CA_FILE = "ca.crt";

    private final KeyIdentity key;
    private final X509Certificate caCertificate;

    AgentIdentity(KeyIdentity key, X509Certificate caCertificate) {
        this.key = key;
        this.caCertificate = caCertificate;
    }

    public static boolean exists(Path directory) {
        return Files.exists(directory.resolve(KEY_FILE)) && Files.exists(directory.resolve(CERTIFICATE_FILE))
                && Files.exists(directory.resolve(CA_FILE));
    }

    public static AgentIdentity load(Path directory) throws IOException, GeneralSecurityException {
        PrivateKey privateKey = Pem.parsePrivateKey(Files.readString(directory.resolve(KEY_FILE)));
        X509Certificate certificate = Pem.parseCertificate(Files.readString(directory.resolve(CERTIFICATE_FILE)));
        X509Certificate ca = Pem.parseCertificate(Files.readString(directory.resolve(CA_FILE)));
        return new AgentIdentity(new KeyIdentity(privateKey, List.of(certificate, ca)), ca);
    }

    void save(Path directory) throws IOException {
        SecureFiles.createDirectory(directory);
        SecureFiles.writePrivate(directory.resolve(KEY_FILE), Pem.encode(Pem.PRIVATE_KEY, key.privateKey().getEncoded()));
        SecureFiles.writePublic(directory.resolve(CERTIFICATE_FILE), Pem.certificate(key.certificate()));
        SecureFiles.writePublic(directory.resolve(CA_FILE), Pem.certificate(caCertificate));
    }

    /** The agent's name: its certificate's common name. */
    public String name() {
        return AgentNames.of(key.certificate());
    }

    public KeyIdentity key() {
        return key;
    }

    public X509Certificate certificate() {
        return key.certificate();
    }

    public X509Certificate caCertificate() {
        return caCertificate;
    }

    @Override
    public String toString() {
        return "AgentIdentity[" + name() + ", certificate " + certificate().getSerialNumber().toString(16) + "]";
    }
}
