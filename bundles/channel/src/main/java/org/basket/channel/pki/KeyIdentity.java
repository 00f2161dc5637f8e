package org.basket.channel.pki;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/** A private key with its certificate chain (leaf first): what one side presents in the TLS handshake. */
public record KeyIdentity(PrivateKey privateKey, List<X509Certificate> chain) {
    public KeyIdentity {
        Objects.requireNonNull(privateKey, "privateKey");
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("empty certificate chain");
        }
    }

    public X509Certificate certificate() {
        return chain.get(0);
    }

    /** Never the key. */
    @Override
    public String toString() {
        return "KeyIdentity[" + certificate().getSubjectX500Principal().getName() + "]";
    }
}
