package org.basket.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;

import org.junit.jupiter.api.Test;

class ParamsTest {

    private static Map<?, ?> body(Problem problem) {
        return problem.body("/api/x");
    }

    @Test
    void aBadNumberIsRefusedNamingTheParameterTheRangeAndTheValue() {
        Problem problem = assertThrows(Problem.class, () -> Params.integer("count", "lots", 30, 1, 2000));
        assertEquals(Map.of("type", "about:blank", "title", "Bad request", "status", 400, "detail",
                "count must be a whole number from 1 to 2000, not 'lots'", "instance", "/api/x", "parameter", "count"),
                body(problem));
        assertEquals(30, Params.integer("count", null, 30, 1, 2000));
        assertThrows(Problem.class, () -> Params.integer("count", "0", 30, 1, 2000));
    }

    @Test
    void aLongOrStrangeNameIsRefusedWithoutEchoingItWhole() {
        Problem problem = assertThrows(Problem.class, () -> Params.name("host", "x".repeat(5000)));
        assertEquals("host must be 1 to 128 letters, digits, '.', '_', ':' or '-', beginning with a letter or digit, not '"
                + "x".repeat(40) + "...'", problem.getMessage());
        assertThrows(Problem.class, () -> Params.name("host", "../etc"));
        assertEquals("node-1.a", Params.name("host", "node-1.a"));
    }

    @Test
    void booleansAreTrueOrFalseOnly() {
        assertEquals(true, Params.bool("wait", "true"));
        assertEquals(false, Params.bool("wait", null));
        assertEquals("wait must be true or false, not 'yes'",
                assertThrows(Problem.class, () -> Params.bool("wait", "yes")).getMessage());
    }
}
