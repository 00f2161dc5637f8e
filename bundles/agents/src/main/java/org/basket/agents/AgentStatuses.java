package org.basket.agents;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.basket.api.monitor.AgentStatus;
import org.basket.channel.manager.SessionInfo;
import org.basket.channel.manager.TokenRecord;
import org.basket.channel.pki.CertificateAuthority;
import org.basket.channel.pki.IssuedCertificate;
import org.basket.channel.pki.RevokedCertificate;

/**
 * Each agent's status from the session, the CA's logs and the tokens. The {@code detail} of an agent
 * that is not connected starts with one of the {@link AgentStates}.
 */
final class AgentStatuses {
    private final AgentReports reports;
    private final CertificateAuthority authority;
    private final List<TokenRecord> tokens;
    private final Instant now;

    AgentStatuses(AgentReports reports, CertificateAuthority authority, List<TokenRecord> tokens, Instant now) {
        this.reports = reports;
        this.authority = authority;
        this.tokens = tokens;
        this.now = now;
    }

    List<AgentStatus> all() {
        Set<String> names = new TreeSet<>(reports.names());
        tokens.forEach(token -> names.add(token.agentName()));
        authority.issued().forEach(certificate -> names.add(certificate.agentName()));
        return names.stream().map(this::of).flatMap(Optional::stream).toList();
    }

    Optional<AgentStatus> of(String vm) {
        Optional<SessionInfo> session = reports.session(vm);
        if (session.isPresent()) {
            SessionInfo info = session.get();
            return Optional.of(new AgentStatus(vm, true, true, Optional.of(info.connectedAt()), info.remoteAddress(),
                    info.agentSoftware(), reports.reportedServices(vm), ""));
        }
        List<IssuedCertificate> issued = authority.issued().stream().filter(c -> c.agentName().equals(vm)).toList();
        Optional<TokenRecord> token = tokens.stream().filter(t -> t.agentName().equals(vm))
                .max(Comparator.comparing(TokenRecord::issuedAt));
        boolean enrolled = authority.holdsValidCertificate(vm);
        if (!enrolled && token.isPresent() && (!token.get().isUsed() || issued.isEmpty())) {
            return Optional.of(fromToken(vm, token.get()));
        }
        return issued.isEmpty() ? Optional.empty() : Optional.of(fromCertificates(vm, issued));
    }

    private AgentStatus fromCertificates(String vm, List<IssuedCertificate> issued) {
        Set<BigInteger> revoked = revokedSerials();
        Optional<IssuedCertificate> valid = issued.stream().filter(c -> valid(c, revoked))
                .max(Comparator.comparing(IssuedCertificate::issuedAt));
        if (valid.isPresent()) {
            Optional<AgentReports.Ended> ended = reports.ended(vm);
            String detail = ended.map(e -> AgentStates.ENROLLED + ", disconnected: " + e.reason())
                    .orElse(AgentStates.ENROLLED + ", not connected since the manager started");
            Instant since = ended.map(AgentReports.Ended::at).orElse(valid.get().issuedAt());
            return new AgentStatus(vm, true, false, Optional.of(since), "", "", 0, detail);
        }
        Optional<RevokedCertificate> revocation = authority.revocations().stream().filter(r -> r.agentName().equals(vm))
                .max(Comparator.comparing(RevokedCertificate::revokedAt));
        if (revocation.isPresent()) {
            Instant at = revocation.get().revokedAt();
            return new AgentStatus(vm, false, false, Optional.of(at), "", "", 0, AgentStates.REVOKED + " at " + at);
        }
        Instant end = issued.stream().map(IssuedCertificate::notAfter).max(Comparator.naturalOrder()).orElseThrow();
        return new AgentStatus(vm, false, false, Optional.of(end), "", "", 0, AgentStates.CERTIFICATE_EXPIRED + " at " + end);
    }

    private AgentStatus fromToken(String vm, TokenRecord token) {
        boolean expired = !now.isBefore(token.expiresAt());
        String detail = expired ? AgentStates.TOKEN_EXPIRED + " at " + token.expiresAt() + " (token " + token.id() + ")"
                : AgentStates.TOKEN_ISSUED + ": " + token.id() + ", expires " + token.expiresAt();
        return new AgentStatus(vm, false, false, Optional.of(token.issuedAt()), "", "", 0, detail);
    }

    private boolean valid(IssuedCertificate certificate, Set<BigInteger> revoked) {
        return !revoked.contains(certificate.serial()) && now.isBefore(certificate.notAfter());
    }

    private Set<BigInteger> revokedSerials() {
        return authority.revocations().stream().map(RevokedCertificate::serial).collect(Collectors.toSet());
    }
}
