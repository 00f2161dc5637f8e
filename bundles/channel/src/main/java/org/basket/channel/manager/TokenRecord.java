package org.basket.channel.manager;

import java.time.Instant;

/** What the manager keeps of a token: its id, agent, times and the SHA-256 of its secret, never the secret. */
public record TokenRecord(String id, String agentName, Instant issuedAt, Instant expiresAt, String secretHash, Instant usedAt) {

    public boolean isUsed() {
        return usedAt != null;
    }

    TokenRecord used(Instant at) {
        return new TokenRecord(id, agentName, issuedAt, expiresAt, secretHash, at);
    }

    String toLine() {
        return id + " " + agentName + " " + issuedAt + " " + expiresAt + " " + secretHash + " " + (usedAt == null ? "-" : usedAt);
    }

    static TokenRecord parse(String line) {
        String[] f = line.trim().split(" ");
        if (f.length != 6) {
            throw new IllegalArgumentException("expected 6 fields");
        }
        return new TokenRecord(f[0], f[1], Instant.parse(f[2]), Instant.parse(f[3]), f[4], f[5].equals("-") ? null : Instant.parse(f[5]));
    }
}
