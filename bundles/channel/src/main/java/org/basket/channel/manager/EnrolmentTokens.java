package org.basket.channel.manager;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.basket.channel.pki.AgentNames;
import org.basket.channel.pki.SecureFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One-time enrolment tokens bound to an agent name and an expiry, kept in one file (0600) as hashes.
 * {@link #consume} is the only way a token is used, and it succeeds at most once per token.
 */
public final class EnrolmentTokens {
    private static final Logger LOG = LoggerFactory.getLogger(EnrolmentTokens.class);
    private static final Pattern FORMAT = Pattern.compile("([0-9a-f]{8})\\.([A-Za-z0-9_-]{43})");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path file;
    private final Clock clock;
    private final Map<String, TokenRecord> tokens = new LinkedHashMap<>();

    public EnrolmentTokens(Path file, Clock clock) throws IOException {
        this.file = file;
        this.clock = clock;
        if (Files.exists(file)) {
            int number = 0;
            for (String line : Files.readAllLines(file)) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    TokenRecord token = TokenRecord.parse(line);
                    tokens.put(token.id(), token);
                } catch (RuntimeException e) {
                    throw new IOException(file + " line " + number + " is corrupt: " + e.getMessage(), e);
                }
            }
        }
    }

    public synchronized EnrolmentToken issue(String agentName, Duration validity) throws IOException {
        AgentNames.requireValid(agentName);
        if (validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("token validity must be positive: " + validity);
        }
        String id;
        do {
            id = HexFormat.of().formatHex(randomBytes(4));
        } while (tokens.containsKey(id));
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(32));
        Instant now = clock.instant();
        TokenRecord record = new TokenRecord(id, agentName, now, now.plus(validity), hash(secret), null);
        tokens.put(id, record);
        save();
        LOG.info("Issued enrolment token {} for agent {}, expires {}", id, agentName, record.expiresAt());
        return new EnrolmentToken(id, agentName, record.expiresAt(), secret);
    }

    /** The one answer for an unknown token id and a wrong secret, so that a guess does not learn which ids exist. */
    public static final String INVALID = "invalid enrolment token (unknown, or a wrong secret)";
    /** Compared with when the id is unknown, so that both refusals take the same work. */
    private static final String NO_SECRET_HASH = hash("");

    /**
     * Uses the token for that agent, or says why not: malformed, {@link #INVALID} (unknown id or wrong
     * secret, one answer for both), already used, expired, or bound to another agent.
     */
    public synchronized void consume(String presented, String agentName) throws EnrolmentRefusedException, IOException {
        var matcher = FORMAT.matcher(presented == null ? "" : presented);
        if (!matcher.matches()) {
            throw new EnrolmentRefusedException("malformed enrolment token (expected 8 hex digits, '.', 43 base64url characters)");
        }
        String id = matcher.group(1);
        TokenRecord token = tokens.get(id);
        String expected = token == null ? NO_SECRET_HASH : token.secretHash();
        boolean secretMatches = MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                hash(matcher.group(2)).getBytes(StandardCharsets.US_ASCII));
        if (token == null || !secretMatches) {
            throw new EnrolmentRefusedException(INVALID);
        }
        if (token.isUsed()) {
            throw new EnrolmentRefusedException("enrolment token " + id + " was already used at " + token.usedAt()
                    + "; a token works once");
        }
        Instant now = clock.instant();
        if (!now.isBefore(token.expiresAt())) {
            throw new EnrolmentRefusedException("enrolment token " + id + " expired at " + token.expiresAt());
        }
        if (!token.agentName().equals(agentName)) {
            throw new EnrolmentRefusedException("enrolment token " + id + " is for agent " + token.agentName()
                    + ", not " + agentName);
        }
        tokens.put(id, token.used(now));
        save();
        LOG.info("Enrolment token {} used by agent {}", id, agentName);
    }

    /** Forgets the agent's unused tokens, so that none of them can enrol it any more; returns their ids. */
    public synchronized List<String> withdraw(String agentName) throws IOException {
        List<String> withdrawn = tokens.values().stream().filter(t -> t.agentName().equals(agentName) && !t.isUsed())
                .map(TokenRecord::id).toList();
        if (!withdrawn.isEmpty()) {
            withdrawn.forEach(tokens::remove);
            save();
            LOG.info("Withdrew enrolment token(s) {} of agent {}", withdrawn, agentName);
        }
        return withdrawn;
    }

    public synchronized List<TokenRecord> list() {
        return new ArrayList<>(tokens.values());
    }

    private void save() throws IOException {
        SecureFiles.writePrivate(file, tokens.values().stream().map(TokenRecord::toLine).collect(Collectors.joining("\n", "", "\n")));
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JVM", e);
        }
    }
}
