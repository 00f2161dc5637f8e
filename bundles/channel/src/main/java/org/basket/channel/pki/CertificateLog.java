package org.basket.channel.pki;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The CA's two append-only files: {@code issued.log} (serial, agent, issued, not after) and
 * {@code revoked.log} (serial, agent, revoked), one line each, space-separated, serials in hex.
 */
final class CertificateLog {
    private final Path issuedFile;
    private final Path revokedFile;
    private final Map<BigInteger, IssuedCertificate> issued = new LinkedHashMap<>();
    private final Map<BigInteger, RevokedCertificate> revoked = new LinkedHashMap<>();
    private final Map<String, List<IssuedCertificate>> issuedByAgent = new HashMap<>();

    CertificateLog(Path directory) throws IOException {
        this.issuedFile = directory.resolve("issued.log");
        this.revokedFile = directory.resolve("revoked.log");
        for (String[] f : lines(issuedFile, 4)) {
            remember(new IssuedCertificate(new BigInteger(f[0], 16), f[1], Instant.parse(f[2]), Instant.parse(f[3])));
        }
        for (String[] f : lines(revokedFile, 3)) {
            RevokedCertificate entry = new RevokedCertificate(new BigInteger(f[0], 16), f[1], Instant.parse(f[2]));
            revoked.put(entry.serial(), entry);
        }
    }

    synchronized void recordIssued(IssuedCertificate entry) throws IOException {
        SecureFiles.appendLine(issuedFile, entry.serial().toString(16) + " " + entry.agentName() + " "
                + entry.issuedAt() + " " + entry.notAfter());
        remember(entry);
    }

    private void remember(IssuedCertificate entry) {
        issued.put(entry.serial(), entry);
        issuedByAgent.computeIfAbsent(entry.agentName(), name -> new ArrayList<>()).add(entry);
    }

    /** Whether the agent holds a certificate that is neither revoked nor expired at {@code now}. */
    synchronized boolean holdsValid(String agentName, Instant now) {
        return issuedByAgent.getOrDefault(agentName, List.of()).stream()
                .anyMatch(entry -> !revoked.containsKey(entry.serial()) && now.isBefore(entry.notAfter()));
    }

    synchronized List<RevokedCertificate> revokeAll(String agentName, Instant now) throws IOException {
        List<RevokedCertificate> added = new ArrayList<>();
        for (IssuedCertificate entry : issuedByAgent.getOrDefault(agentName, List.of())) {
            if (!revoked.containsKey(entry.serial())) {
                RevokedCertificate revocation = new RevokedCertificate(entry.serial(), agentName, now);
                SecureFiles.appendLine(revokedFile, entry.serial().toString(16) + " " + agentName + " " + now);
                revoked.put(entry.serial(), revocation);
                added.add(revocation);
            }
        }
        return added;
    }

    synchronized Optional<RevokedCertificate> revocation(BigInteger serial) {
        return Optional.ofNullable(revoked.get(serial));
    }

    synchronized boolean wasIssued(BigInteger serial) {
        return issued.containsKey(serial);
    }

    synchronized List<IssuedCertificate> issued() {
        return List.copyOf(issued.values());
    }

    synchronized List<RevokedCertificate> revoked() {
        return List.copyOf(revoked.values());
    }

    private static List<String[]> lines(Path file, int fields) throws IOException {
        List<String[]> result = new ArrayList<>();
        if (!Files.exists(file)) {
            return result;
        }
        int number = 0;
        for (String line : Files.readAllLines(file)) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            String[] parts = line.trim().split(" ");
            if (parts.length != fields || !isParsable(parts)) {
                throw new IOException(file + " line " + number + " is corrupt: " + line);
            }
            result.add(parts);
        }
        return result;
    }

    private static boolean isParsable(String[] parts) {
        try {
            new BigInteger(parts[0], 16);
            for (int i = 2; i < parts.length; i++) {
                Instant.parse(parts[i]);
            }
            return true;
        } catch (NumberFormatException | DateTimeParseException e) {
            return false;
        }
    }
}
