package org.basket.channel.manager;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.basket.channel.pki.SecureFiles;
import org.basket.testsupport.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnrolmentTokensTest {
    @TempDir
    Path directory;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T12:00:00Z"));

    private EnrolmentTokens tokens() throws Exception {
        return new EnrolmentTokens(directory.resolve("tokens"), clock);
    }

    @Test
    void aTokenWorksOnceAndItsReplayIsRefusedEvenAfterARestart() throws Exception {
        EnrolmentTokens tokens = tokens();
        EnrolmentToken token = tokens.issue("web1", Duration.ofMinutes(10));
        assertDoesNotThrow(() -> tokens.consume(token.value(), "web1"));
        EnrolmentRefusedException replay = assertThrows(EnrolmentRefusedException.class,
                () -> tokens.consume(token.value(), "web1"));
        assertEquals("enrolment token " + token.id() + " was already used at 2026-11-25T12:00:00Z; a token works once",
                replay.getMessage());
        EnrolmentTokens reopened = tokens();
        assertThrows(EnrolmentRefusedException.class, () -> reopened.consume(token.value(), "web1"));
    }

    @Test
    void anExpiredTokenIsRefused() throws Exception {
        EnrolmentTokens tokens = tokens();
        EnrolmentToken token = tokens.issue("web1", Duration.ofMinutes(10));
        clock.advance(Duration.ofMinutes(10));
        EnrolmentRefusedException expired = assertThrows(EnrolmentRefusedException.class,
                () -> tokens.consume(token.value(), "web1"));
        assertEquals("enrolment token " + token.id() + " expired at 2026-11-25T12:10:00Z", expired.getMessage());
    }

    @Test
    void aWrongUnknownMalformedOrMisboundTokenIsRefusedAndStaysUsable() throws Exception {
        EnrolmentTokens tokens = tokens();
        EnrolmentToken token = tokens.issue("web1", Duration.ofMinutes(10));
        String wrongSecret = token.id() + "." + "A".repeat(43);
        assertEquals(EnrolmentTokens.INVALID,
                assertThrows(EnrolmentRefusedException.class, () -> tokens.consume(wrongSecret, "web1")).getMessage());
        assertEquals(EnrolmentTokens.INVALID, assertThrows(EnrolmentRefusedException.class,
                () -> tokens.consume("00000000." + "A".repeat(43), "web1")).getMessage());
        assertTrue(assertThrows(EnrolmentRefusedException.class, () -> tokens.consume("let-me-in", "web1"))
                .getMessage().startsWith("malformed enrolment token"));
        assertEquals("enrolment token " + token.id() + " is for agent web1, not db1",
                assertThrows(EnrolmentRefusedException.class, () -> tokens.consume(token.value(), "db1")).getMessage());
        assertDoesNotThrow(() -> tokens.consume(token.value(), "web1"));
    }

    @Test
    void anUnknownIdAndAWrongSecretGetOneAnswerThatNamesNoId() throws Exception {
        EnrolmentTokens tokens = tokens();
        EnrolmentToken token = tokens.issue("web1", Duration.ofMinutes(10));
        String unknownId = (token.id().equals("00000000") ? "00000001" : "00000000") + "." + "A".repeat(43);

        String wrongSecret = assertThrows(EnrolmentRefusedException.class,
                () -> tokens.consume(token.id() + "." + "A".repeat(43), "web1")).getMessage();
        String unknown = assertThrows(EnrolmentRefusedException.class, () -> tokens.consume(unknownId, "web1")).getMessage();

        assertEquals(unknown, wrongSecret);
        assertFalse(wrongSecret.contains(token.id()), wrongSecret);
    }

    @Test
    void aWithdrawnTokenIsRefusedAndOnlyTheAgentsUnusedTokensGo() throws Exception {
        EnrolmentTokens tokens = tokens();
        EnrolmentToken used = tokens.issue("web1", Duration.ofMinutes(10));
        tokens.consume(used.value(), "web1");
        EnrolmentToken unused = tokens.issue("web1", Duration.ofMinutes(10));
        EnrolmentToken other = tokens.issue("db1", Duration.ofMinutes(10));

        assertEquals(List.of(unused.id()), tokens.withdraw("web1"));

        assertEquals(EnrolmentTokens.INVALID,
                assertThrows(EnrolmentRefusedException.class, () -> tokens().consume(unused.value(), "web1")).getMessage());
        assertEquals(List.of(used.id(), other.id()), tokens().list().stream().map(TokenRecord::id).toList());
        assertEquals(List.of(), tokens.withdraw("web1"));
    }

    @Test
    void theFileKeepsHashesOnlyAndIsPrivate() throws Exception {
        EnrolmentTokens tokens = tokens();
        EnrolmentToken token = tokens.issue("web1", Duration.ofMinutes(10));
        String file = Files.readString(directory.resolve("tokens"));
        String secret = token.value().substring(token.id().length() + 1);
        assertFalse(file.contains(secret));
        assertTrue(file.startsWith(token.id() + " web1 "));
        assertEquals(SecureFiles.OWNER_ONLY, Files.getPosixFilePermissions(directory.resolve("tokens")));
        assertFalse(token.toString().contains(secret));
        assertFalse(tokens.list().get(0).toString().contains(secret));
    }
}
