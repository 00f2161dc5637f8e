package org.basket.channel.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.basket.testsupport.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateAuthorityTest {
    @TempDir
    Path directory;

    @Test
    void createsItsRootOnceWithPrivateKeysReadableByTheOwnerOnly() throws Exception {
        CertificateAuthority first = CertificateAuthority.openOrCreate(directory, Clock.systemUTC());
        first.serverIdentity("basket-manager", List.of("127.0.0.1", "manager.example"));
        assertEquals(SecureFiles.OWNER_ONLY, Files.getPosixFilePermissions(directory.resolve("ca.key")));
        assertEquals(SecureFiles.OWNER_ONLY, Files.getPosixFilePermissions(directory.resolve("manager.key")));
        CertificateAuthority reopened = CertificateAuthority.openOrCreate(directory, Clock.systemUTC());
        assertEquals(first.certificate(), reopened.certificate());
        X509Certificate ca = first.certificate();
        assertEquals(0, ca.getBasicConstraints());
        ca.verify(ca.getPublicKey());
    }

    @Test
    void theServerCertificateIsKeptAcrossOpensAndIsOnlyForTlsServers() throws Exception {
        CertificateAuthority authority = CertificateAuthority.openOrCreate(directory, Clock.systemUTC());
        KeyIdentity first = authority.serverIdentity("basket-manager", List.of("127.0.0.1"));
        KeyIdentity again = authority.serverIdentity("basket-manager", List.of("127.0.0.1"));
        assertEquals(first.certificate(), again.certificate());
        assertEquals(List.of("1.3.6.1.5.5.7.3.1"), first.certificate().getExtendedKeyUsage());
        first.certificate().verify(authority.certificate().getPublicKey());
        KeyIdentity renamed = authority.serverIdentity("basket-manager", List.of("10.0.0.1"));
        assertNotEquals(first.certificate(), renamed.certificate());
    }

    @Test
    void issuesAgentCertificatesNamedByTheCallerForTheRequestersKeyOnlyForTlsClients() throws Exception {
        CertificateAuthority authority = CertificateAuthority.openOrCreate(directory, Clock.systemUTC());
        KeyPair pair = KeyPairs.generate();
        X509Certificate certificate = authority.issueAgentCertificate("web1",
                CertificateRequests.create(pair, "web1"));
        assertEquals("web1", AgentNames.of(certificate));
        assertEquals(pair.getPublic(), certificate.getPublicKey());
        assertEquals(List.of("1.3.6.1.5.5.7.3.2"), certificate.getExtendedKeyUsage());
        assertEquals(-1, certificate.getBasicConstraints());
        certificate.verify(authority.certificate().getPublicKey());
        assertEquals(Optional.empty(), authority.refusal(certificate));
        X509Certificate other = authority.issueAgentCertificate("db1", CertificateRequests.create(KeyPairs.generate(), "web1"));
        assertEquals("db1", AgentNames.of(other), "the name is the token's, not the request's");
    }

    @Test
    void refusesARequestWhoseSignatureDoesNotMatchItsKey() throws Exception {
        CertificateAuthority authority = CertificateAuthority.openOrCreate(directory, Clock.systemUTC());
        String request = CertificateRequests.create(KeyPairs.generate(), "web1");
        byte[] der = Pem.decodeOne(Pem.CERTIFICATE_REQUEST, request);
        der[der.length - 5] ^= 0x01;
        String tampered = Pem.encode(Pem.CERTIFICATE_REQUEST, der);
        assertThrows(GeneralSecurityException.class, () -> authority.issueAgentCertificate("web1", tampered));
        assertThrows(GeneralSecurityException.class, () -> authority.issueAgentCertificate("web1", "not a request"));
        assertTrue(authority.issued().isEmpty());
    }

    @Test
    void revocationCoversEveryCertificateOfTheAgentAndSurvivesAReopen() throws Exception {
        CertificateAuthority authority = CertificateAuthority.openOrCreate(directory, Clock.systemUTC());
        X509Certificate first = authority.issueAgentCertificate("web1", CertificateRequests.create(KeyPairs.generate(), "web1"));
        X509Certificate second = authority.issueAgentCertificate("web1", CertificateRequests.create(KeyPairs.generate(), "web1"));
        X509Certificate other = authority.issueAgentCertificate("db1", CertificateRequests.create(KeyPairs.generate(), "db1"));
        assertEquals(2, authority.revoke("web1").size());
        assertEquals(0, authority.revoke("web1").size(), "nothing new to revoke");
        CertificateAuthority reopened = CertificateAuthority.openOrCreate(directory, Clock.systemUTC());
        assertTrue(reopened.refusal(first).orElseThrow().startsWith(
                "certificate " + first.getSerialNumber().toString(16) + " of agent web1 was revoked at "));
        assertTrue(reopened.refusal(second).isPresent());
        assertFalse(reopened.refusal(other).isPresent());
        assertFalse(reopened.holdsValidCertificate("web1"), "every certificate of web1 is revoked");
        assertTrue(reopened.holdsValidCertificate("db1"));
        assertFalse(reopened.holdsValidCertificate("mail1"), "never enrolled");
    }

    @Test
    void anExpiredCertificateIsNoLongerValid() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-25T12:00:00Z"));
        CertificateAuthority authority = CertificateAuthority.openOrCreate(directory, clock, Duration.ofDays(1), "test CA");
        authority.issueAgentCertificate("web1", CertificateRequests.create(KeyPairs.generate(), "web1"));
        assertTrue(authority.holdsValidCertificate("web1"));
        clock.advance(Duration.ofDays(2));
        assertFalse(authority.holdsValidCertificate("web1"));
    }

    @Test
    void aCertificateMissingFromTheIssueLogIsRefused() throws Exception {
        CertificateAuthority authority = CertificateAuthority.openOrCreate(directory, Clock.systemUTC());
        X509Certificate certificate = authority.issueAgentCertificate("web1", CertificateRequests.create(KeyPairs.generate(), "web1"));
        Files.delete(directory.resolve("issued.log"));
        CertificateAuthority reopened = CertificateAuthority.openOrCreate(directory, Clock.systemUTC());
        assertEquals("certificate " + certificate.getSerialNumber().toString(16) + " of agent web1 is not in the CA's issue log",
                reopened.refusal(certificate).orElseThrow());
    }

    @Test
    void agentNamesAreRestricted() {
        assertEquals("web-1.example_a", AgentNames.requireValid("web-1.example_a"));
        for (String bad : new String[] {"", "-web", "web 1", "web,CN=manager", "a".repeat(64)}) {
            assertThrows(IllegalArgumentException.class, () -> AgentNames.requireValid(bad), bad);
        }
    }
}
