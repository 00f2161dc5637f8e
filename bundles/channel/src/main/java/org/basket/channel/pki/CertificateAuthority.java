package org.basket.channel.pki;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The manager's certificate authority, kept in one directory: {@code ca.key} (0600) and
 * {@code ca.crt}, made on first open; the manager's server key and certificate; the issue log and
 * the revocation list. Agent certificates carry the agent's name as common name and may only
 * authenticate a TLS client; the manager's may only authenticate a TLS server.
 */
public final class CertificateAuthority {
    public static final Duration CA_VALIDITY = Duration.ofDays(20 * 365);
    public static final Duration SERVER_VALIDITY = Duration.ofDays(2 * 365);
    /** Agents renew in the last third of it, over their session. */
    public static final Duration DEFAULT_AGENT_VALIDITY = Duration.ofDays(30);
    public static final String DEFAULT_CA_NAME = "Basket agent CA";
    /** A server certificate closer than this to its end is replaced when the manager opens it. */
    static final Duration SERVER_RENEWAL = Duration.ofDays(30);
    /** Certificates start this much before issue, for agents whose clock lags. */
    static final Duration BACKDATE = Duration.ofMinutes(5);

    private static final Logger LOG = LoggerFactory.getLogger(CertificateAuthority.class);
    private static final Pattern IP_ADDRESS = Pattern.compile("[0-9.]+|[0-9a-fA-F:]*:[0-9a-fA-F:.]*");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path directory;
    private final Clock clock;
    private final Duration agentValidity;
    private final PrivateKey caKey;
    private final X509Certificate caCertificate;
    private final CertificateLog log;

    private CertificateAuthority(Path directory, Clock clock, Duration agentValidity, PrivateKey caKey,
            X509Certificate caCertificate, CertificateLog log) {
        this.directory = directory;
        this.clock = clock;
        this.agentValidity = agentValidity;
        this.caKey = caKey;
        this.caCertificate = caCertificate;
        this.log = log;
    }

    public static CertificateAuthority openOrCreate(Path directory, Clock clock) throws IOException, GeneralSecurityException {
        return openOrCreate(directory, clock, DEFAULT_AGENT_VALIDITY, DEFAULT_CA_NAME);
    }

    public static CertificateAuthority openOrCreate(Path directory, Clock clock, Duration agentValidity, String caName)
            throws IOException, GeneralSecurityException {
        SecureFiles.createDirectory(directory);
        Path keyFile = directory.resolve("ca.key");
        Path certificateFile = directory.resolve("ca.crt");
        PrivateKey key;
        X509Certificate certificate;
        if (Files.exists(keyFile) || Files.exists(certificateFile)) {
            key = Pem.parsePrivateKey(Files.readString(keyFile));
            certificate = Pem.parseCertificate(Files.readString(certificateFile));
            LOG.info("Opened the agent CA in {} ({}, serial {})", directory,
                    certificate.getSubjectX500Principal().getName(), certificate.getSerialNumber().toString(16));
        } else {
            KeyPair pair = KeyPairs.generate();
            Instant now = clock.instant();
            X500Name subject = new X500Name("CN=" + caName);
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, newSerial(),
                    Date.from(now.minus(BACKDATE)), Date.from(now.plus(CA_VALIDITY)), subject, pair.getPublic());
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(pair.getPublic()));
            key = pair.getPrivate();
            certificate = sign(builder, key);
            SecureFiles.writePrivate(keyFile, Pem.encode(Pem.PRIVATE_KEY, key.getEncoded()));
            SecureFiles.writePublic(certificateFile, Pem.certificate(certificate));
            LOG.info("Created the agent CA in {} ({}, serial {})", directory, subject,
                    certificate.getSerialNumber().toString(16));
        }
        return new CertificateAuthority(directory, clock, agentValidity, key, certificate, new CertificateLog(directory));
    }

    public X509Certificate certificate() {
        return caCertificate;
    }

    /** What an agent is given with its token, to pin the manager's CA. */
    public String certificatePem() {
        return Pem.certificate(caCertificate);
    }

    /**
     * The manager's TLS key and certificate ({@code manager.key}, {@code manager.crt}), made or remade
     * when missing, near their end, or for other names.
     */
    public synchronized KeyIdentity serverIdentity(String managerName, List<String> hostNames)
            throws IOException, GeneralSecurityException {
        Path keyFile = directory.resolve("manager.key");
        Path certificateFile = directory.resolve("manager.crt");
        if (Files.exists(keyFile) && Files.exists(certificateFile)) {
            X509Certificate existing = Pem.parseCertificate(Files.readString(certificateFile));
            if (isUsableServerCertificate(existing, managerName, hostNames)) {
                return new KeyIdentity(Pem.parsePrivateKey(Files.readString(keyFile)), List.of(existing, caCertificate));
            }
        }
        KeyPair pair = KeyPairs.generate();
        Instant now = clock.instant();
        JcaX509v3CertificateBuilder builder = leafBuilder(managerName, pair.getPublic(), now, SERVER_VALIDITY);
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        if (!hostNames.isEmpty()) {
            builder.addExtension(Extension.subjectAlternativeName, false, subjectAlternativeNames(hostNames));
        }
        X509Certificate certificate = sign(builder, caKey);
        SecureFiles.writePrivate(keyFile, Pem.encode(Pem.PRIVATE_KEY, pair.getPrivate().getEncoded()));
        SecureFiles.writePublic(certificateFile, Pem.certificate(certificate));
        LOG.info("Issued the manager's server certificate {} for {}", certificate.getSerialNumber().toString(16), hostNames);
        return new KeyIdentity(pair.getPrivate(), List.of(certificate, caCertificate));
    }

    /** Signs an agent certificate for the key of a verified request; the name comes from the caller, never the request. */
    public X509Certificate issueAgentCertificate(String agentName, String certificateRequestPem)
            throws IOException, GeneralSecurityException {
        AgentNames.requireValid(agentName);
        PublicKey key = CertificateRequests.verifiedPublicKey(certificateRequestPem);
        Instant now = clock.instant();
        JcaX509v3CertificateBuilder builder = leafBuilder(agentName, key, now, agentValidity);
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
        X509Certificate certificate = sign(builder, caKey);
        log.recordIssued(new IssuedCertificate(certificate.getSerialNumber(), agentName, now,
                certificate.getNotAfter().toInstant()));
        LOG.info("Issued agent certificate {} to {} (valid until {})", certificate.getSerialNumber().toString(16),
                agentName, certificate.getNotAfter().toInstant());
        return certificate;
    }

    /** Revokes every certificate issued to the agent; returns what was newly revoked. */
    public List<RevokedCertificate> revoke(String agentName) throws IOException {
        List<RevokedCertificate> revoked = log.revokeAll(AgentNames.requireValid(agentName), clock.instant());
        LOG.info("Revoked {} certificate(s) of agent {}", revoked.size(), agentName);
        return revoked;
    }

    /**
     * Why an agent certificate signed by this CA may not be used: revoked, or missing from the issue
     * log (signed outside this CA's records); empty if it may.
     */
    public Optional<String> refusal(X509Certificate certificate) {
        BigInteger serial = certificate.getSerialNumber();
        String name = "certificate " + serial.toString(16) + " of agent " + AgentNames.of(certificate);
        Optional<RevokedCertificate> revoked = log.revocation(serial);
        if (revoked.isPresent()) {
            return Optional.of(name + " was revoked at " + revoked.get().revokedAt());
        }
        if (!log.wasIssued(serial)) {
            return Optional.of(name + " is not in the CA's issue log");
        }
        return Optional.empty();
    }

    public List<RevokedCertificate> revocations() {
        return log.revoked();
    }

    public List<IssuedCertificate> issued() {
        return log.issued();
    }

    /** Whether the agent holds a certificate of this CA that is neither revoked nor expired. */
    public boolean holdsValidCertificate(String agentName) {
        return log.holdsValid(agentName, clock.instant());
    }

    private boolean isUsableServerCertificate(X509Certificate certificate, String managerName, List<String> hostNames)
            throws GeneralSecurityException {
        return AgentNames.of(certificate).equals(managerName)
                && certificate.getNotAfter().toInstant().isAfter(clock.instant().plus(SERVER_RENEWAL))
                && alternativeNames(certificate).equals(hostNames);
    }

    private static List<String> alternativeNames(X509Certificate certificate) throws GeneralSecurityException {
        List<String> names = new ArrayList<>();
        if (certificate.getSubjectAlternativeNames() != null) {
            certificate.getSubjectAlternativeNames().forEach(entry -> names.add(entry.get(1).toString()));
        }
        return names;
    }

    private JcaX509v3CertificateBuilder leafBuilder(String commonName, PublicKey key, Instant now, Duration validity)
            throws GeneralSecurityException {
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(caCertificate, newSerial(),
                    Date.from(now.minus(BACKDATE)), Date.from(now.plus(validity)), new X500Name("CN=" + commonName), key);
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(key))
                    .addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(caCertificate));
            return builder;
        } catch (CertIOException e) {
            throw new GeneralSecurityException("cannot build a certificate for " + commonName, e);
        }
    }

    private static GeneralNames subjectAlternativeNames(List<String> hostNames) throws GeneralSecurityException {
        List<GeneralName> names = new ArrayList<>();
        for (String host : hostNames) {
            names.add(IP_ADDRESS.matcher(host).matches() ? ipAddress(host) : new GeneralName(GeneralName.dNSName, host));
        }
        return new GeneralNames(names.toArray(GeneralName[]::new));
    }

    private static GeneralName ipAddress(String host) throws GeneralSecurityException {
        try {
            return new GeneralName(GeneralName.iPAddress, InetAddress.getByName(host).getHostAddress());
        } catch (IOException e) {
            throw new GeneralSecurityException("invalid IP address " + host, e);
        }
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key) throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder(KeyPairs.SIGNATURE).build(key)));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("cannot sign a certificate", e);
        }
    }

    private static BigInteger newSerial() {
        return new BigInteger(127, RANDOM).add(BigInteger.ONE);
    }
}
