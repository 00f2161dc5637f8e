package org.basket.shell.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void escapesQuotesAndBackslashes() {
        assertEquals("\"say \\\"hi\\\" to C:\\\\vm\\\\disk\"", Json.write("say \"hi\" to C:\\vm\\disk"));
    }

    @Test
    void escapesEveryControlCharacter() {
        assertEquals("\"a\\nb\\rc\\td\"", Json.write("a\nb\rc\td"));
        assertEquals("\"\\u0000\\u0001\\u0008\\u000c\\u001b\\u001f\"", Json.write("\0\u0001\b\f\u001b\u001f"));
    }

    @Test
    void keepsPrintableAndNonAsciiCharacters() {
        assertEquals("\"  ~/é✓\u007f\"", Json.write("  ~/é✓\u007f"));
        assertEquals("\"\"", Json.write(""));
    }

    @Test
    void writesScalars() {
        assertEquals("null", Json.write(null));
        assertEquals("true", Json.write(true));
        assertEquals("false", Json.write(Boolean.FALSE));
        assertEquals("0", Json.write(0));
        assertEquals("-42", Json.write(-42));
        assertEquals("9007199254740993", Json.write(9_007_199_254_740_993L));
        assertEquals("2.5", Json.write(2.5));
        assertEquals("\"standby\"", Json.write("standby"));
        assertEquals("\"SECONDS\"", Json.write(java.util.concurrent.TimeUnit.SECONDS));
    }

    @Test
    void writesNestedMapsAndListsInIterationOrder() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("z", List.of());
        inner.put("a", Map.of());
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", "db");
        map.put("hosts", List.of("node1", "node2"));
        map.put("nested", inner);
        map.put("rows", List.of(Map.of("n", 1), List.of(true, false)));
        map.put("none", null);
        map.put("count", 3);
        assertEquals("{\"name\":\"db\",\"hosts\":[\"node1\",\"node2\"],\"nested\":{\"z\":[],\"a\":{}},"
                + "\"rows\":[{\"n\":1},[true,false]],\"none\":null,\"count\":3}", Json.write(map));
    }

    @Test
    void writesNullsInsideListsAndEscapesKeys() {
        assertEquals("[null,\"x\",null]", Json.write(new ArrayList<>(Arrays.asList(null, "x", null))));
        Map<Object, Object> map = new TreeMap<>();
        map.put("we\"ird\nkey", 1);
        assertEquals("{\"we\\\"ird\\nkey\":1}", Json.write(map));
        assertEquals("{\"7\":\"seven\"}", Json.write(Map.of(7, "seven")));
    }
}
