package org.basket.channel.pki;

import java.math.BigInteger;
import java.time.Instant;

/** One entry of the CA's issue log. */
public record IssuedCertificate(BigInteger serial, String agentName, Instant issuedAt, Instant notAfter) {
}
