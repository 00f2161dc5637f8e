package org.basket.channel.pki;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** PEM text of certificates, certificate requests and PKCS#8 EC private keys. */
public final class Pem {
    public static final String CERTIFICATE = "CERTIFICATE";
    public static final String CERTIFICATE_REQUEST = "CERTIFICATE REQUEST";
    public static final String PRIVATE_KEY = "PRIVATE KEY";

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

    private Pem() {
    }

    public static String encode(String label, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }

    public static String certificate(X509Certificate certificate) {
        try {
            return encode(CERTIFICATE, certificate.getEncoded());
        } catch (CertificateException e) {
            throw new IllegalStateException("cannot encode certificate " + certificate.getSubjectX500Principal(), e);
        }
    }

    /** Every block of that label, in order; none is an empty list. */
    public static List<byte[]> decodeAll(String label, String text) {
        List<byte[]> blocks = new ArrayList<>();
        Matcher matcher = BLOCK.matcher(text);
        while (matcher.find()) {
            if (matcher.group(1).equals(label)) {
                blocks.add(Base64.getMimeDecoder().decode(matcher.group(2)));
            }
        }
        return blocks;
    }

    public static byte[] decodeOne(String label, String text) throws GeneralSecurityException {
        List<byte[]> blocks = decodeAll(label, text);
        if (blocks.size() != 1) {
            throw new GeneralSecurityException("expected one PEM block '" + label + "', found " + blocks.size());
        }
        return blocks.get(0);
    }

    public static X509Certificate parseCertificate(String text) throws GeneralSecurityException {
        return toCertificate(decodeOne(CERTIFICATE, text));
    }

    public static List<X509Certificate> parseCertificates(String text) throws GeneralSecurityException {
        List<X509Certificate> certificates = new ArrayList<>();
        for (byte[] der : decodeAll(CERTIFICATE, text)) {
            certificates.add(toCertificate(der));
        }
        return certificates;
    }

    public static PrivateKey parsePrivateKey(String text) throws GeneralSecurityException {
        return KeyFactory.getInstance(KeyPairs.ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(decodeOne(PRIVATE_KEY, text)));
    }

    private static X509Certificate toCertificate(byte[] der) throws CertificateException {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    }
}
