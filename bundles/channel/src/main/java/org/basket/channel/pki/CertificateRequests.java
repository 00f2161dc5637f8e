package org.basket.channel.pki;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/** PKCS#10 certificate requests: the agent proves it holds the key without ever sending it. */
public final class CertificateRequests {
    private CertificateRequests() {
    }

    /** A request signed with the pair's private key, in PEM. */
    public static String create(KeyPair keyPair, String agentName) {
        AgentNames.requireValid(agentName);
        try {
            PKCS10CertificationRequest request = new JcaPKCS10CertificationRequestBuilder(
                    new X500Name("CN=" + agentName), keyPair.getPublic())
                    .build(new JcaContentSignerBuilder(KeyPairs.SIGNATURE).build(keyPair.getPrivate()));
            return Pem.encode(Pem.CERTIFICATE_REQUEST, request.getEncoded());
        } catch (OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot make a certificate request", e);
        }
    }

    /** The EC public key of a well-formed request whose signature matches it. */
    public static PublicKey verifiedPublicKey(String pem) throws GeneralSecurityException {
        try {
            PKCS10CertificationRequest request = new PKCS10CertificationRequest(Pem.decodeOne(Pem.CERTIFICATE_REQUEST, pem));
            PublicKey key = KeyFactory.getInstance(KeyPairs.ALGORITHM)
                    .generatePublic(new X509EncodedKeySpec(request.getSubjectPublicKeyInfo().getEncoded()));
            if (!request.isSignatureValid(new JcaContentVerifierProviderBuilder().build(key))) {
                throw new GeneralSecurityException("certificate request signature does not match its public key");
            }
            return key;
        } catch (IOException | IllegalArgumentException | ClassCastException | OperatorCreationException | PKCSException e) {
            throw new GeneralSecurityException("unreadable certificate request: " + e.getMessage(), e);
        }
    }
}
