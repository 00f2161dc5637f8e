package org.basket.channel.pki;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;

/** EC P-256 key pairs: small, fast to make, and what TLS 1.3 signs with here. */
public final class KeyPairs {
    public static final String ALGORITHM = "EC";
    public static final String SIGNATURE = "SHA256withECDSA";

    private KeyPairs() {
    }

    public static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(ALGORITHM);
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot make EC P-256 keys", e);
        }
    }
}
