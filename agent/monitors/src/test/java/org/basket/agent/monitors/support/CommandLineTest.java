package org.basket.agent.monitors.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class CommandLineTest {

    @Test
    void splitsWordsAndKeepsQuotedBlanks() {
        assertEquals(List.of("-H", "127.0.0.1", "-s", "two words", "it's"),
                CommandLine.split("  -H 127.0.0.1\t-s 'two words' \"it's\""));
    }

    @Test
    void quotesJoinAdjacentText() {
        assertEquals(List.of("--opt=a b", ""), CommandLine.split("--opt='a b' ''"));
    }

    @Test
    void rejectsAnUnclosedQuote() {
        assertThrows(IllegalArgumentException.class, () -> CommandLine.split("-s 'open"));
    }
}
