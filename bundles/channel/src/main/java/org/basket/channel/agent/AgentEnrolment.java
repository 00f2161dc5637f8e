package org.basket.channel.agent;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import org.basket.channel.pki.AgentNames;
import org.basket.channel.pki.CertificateRequests;
import org.basket.channel.pki.KeyIdentity;
import org.basket.channel.pki.KeyPairs;
import org.basket.channel.pki.Pem;
import org.basket.channel.pki.TlsContexts;
import org.basket.channel.protocol.FrameCodec;
import org.basket.channel.protocol.Message;
import org.basket.channel.protocol.MessageType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enrols an agent: makes its key pair locally, connects to the manager (TLS 1.3, the manager
 * authenticated by the pinned CA), sends the token and a certificate request, checks the certificate
 * it gets back and saves the identity. The private key never leaves the agent.
 */
public final class AgentEnrolment {
    private static final Logger LOG = LoggerFactory.getLogger(AgentEnrolment.class);

    private AgentEnrolment() {
    }

    public static AgentIdentity enrol(Enrolment enrolment, Path identityDirectory) throws EnrolmentException {
        String name = enrolment.agentName();
        try {
            AgentNames.requireValid(name);
        } catch (IllegalArgumentException e) {
            throw new EnrolmentException(e.getMessage());
        }
        X509Certificate ca = pinnedCa(enrolment);
        KeyPair keyPair = KeyPairs.generate();
        LOG.info("Enrolling agent {} with the manager at {}:{} (token {})", name, enrolment.managerHost(),
                enrolment.managerPort(), enrolment.tokenId());
        Message answer = exchange(enrolment, ca, Message.of(MessageType.ENROL).with("agent", name)
                .with("token", enrolment.token()).with("csr", CertificateRequests.create(keyPair, name)).build());
        if (answer.type() == MessageType.REFUSED) {
            String reason = answer.optional("reason", "no reason given");
            LOG.error("The manager refused the enrolment of agent {}: {}", name, reason);
            throw new EnrolmentException("the manager refused the enrolment: " + reason);
        }
        if (answer.type() != MessageType.ENROLLED) {
            throw new EnrolmentException("the manager answered " + answer.type() + " to an enrolment");
        }
        AgentIdentity identity = new AgentIdentity(new KeyIdentity(keyPair.getPrivate(),
                List.of(issuedCertificate(answer, keyPair, ca, name), ca)), ca);
        try {
            identity.save(identityDirectory);
        } catch (IOException e) {
            throw new EnrolmentException("enrolled, but cannot save the identity in " + identityDirectory + ": " + e.getMessage(), e);
        }
        LOG.info("Agent {} enrolled: certificate {} saved in {}", name, identity.certificate().getSerialNumber().toString(16),
                identityDirectory);
        return identity;
    }

    private static X509Certificate pinnedCa(Enrolment enrolment) throws EnrolmentException {
        try {
            return Pem.parseCertificate(enrolment.caCertificatePem());
        } catch (GeneralSecurityException e) {
            throw new EnrolmentException("unreadable CA certificate given with the token: " + e.getMessage(), e);
        }
    }

    private static Message exchange(Enrolment enrolment, X509Certificate ca, Message request) throws EnrolmentException {
        String manager = enrolment.managerHost() + ":" + enrolment.managerPort();
        int timeout = (int) enrolment.timeout().toMillis();
        try {
            SSLContext context = TlsContexts.create(null, ca);
            try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
                socket.connect(new InetSocketAddress(enrolment.managerHost(), enrolment.managerPort()), timeout);
                socket.setSoTimeout(timeout);
                TlsContexts.restrictToTls13(socket);
                try {
                    socket.startHandshake();
                } catch (IOException e) {
                    throw new EnrolmentException("TLS handshake with the manager at " + manager
                            + " failed (is the CA certificate the manager's?): " + e.getMessage(), e);
                }
                TlsContexts.requireServerCertificate(socket);
                OutputStream out = new BufferedOutputStream(socket.getOutputStream());
                FrameCodec codec = new FrameCodec();
                codec.write(out, request);
                return codec.read(new BufferedInputStream(socket.getInputStream()));
            }
        } catch (EOFException e) {
            throw new EnrolmentException("the manager at " + manager + " closed the connection without an answer", e);
        } catch (IOException e) {
            throw new EnrolmentException("enrolment with the manager at " + manager + " failed: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new EnrolmentException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    static X509Certificate issuedCertificate(Message answer, KeyPair keyPair, X509Certificate ca, String name)
            throws EnrolmentException {
        try {
            X509Certificate certificate = Pem.parseCertificate(answer.require("certificate"));
            certificate.verify(ca.getPublicKey());
            if (!Arrays.equals(certificate.getPublicKey().getEncoded(), keyPair.getPublic().getEncoded())) {
                throw new EnrolmentException("the manager's certificate is not for this agent's key");
            }
            if (!AgentNames.of(certificate).equals(name)) {
                throw new EnrolmentException("the manager's certificate names " + AgentNames.of(certificate) + ", not " + name);
            }
            return certificate;
        } catch (IOException | GeneralSecurityException e) {
            throw new EnrolmentException("the manager's answer holds no valid certificate: " + e.getMessage(), e);
        }
    }
}
