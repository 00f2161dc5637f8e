package org.basket.core.journal;

import java.util.ArrayList;
import java.util.List;

/**
 * The journal's text encoding of a list of fields: joined by {@code |}, with {@code \} escaping
 * {@code \} and {@code |}. Unambiguous for any strings, readable in a dump, and prefix-free: the
 * encoding of {@code (a, b)} starts with {@code join(a) + "|"} and no other first field does.
 */
final class Fields {
    static final char SEPARATOR = '|';
    private static final char ESCAPE = '\\';

    private Fields() {
    }

    static String join(String... fields) {
        return join(List.of(fields));
    }

    static String join(List<String> fields) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(SEPARATOR);
            }
            String field = fields.get(i);
            for (int j = 0; j < field.length(); j++) {
                char c = field.charAt(j);
                if (c == SEPARATOR || c == ESCAPE) {
                    out.append(ESCAPE);
                }
                out.append(c);
            }
        }
        return out.toString();
    }

    /** @throws IllegalArgumentException on a dangling or unknown escape */
    static List<String> split(String text) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ESCAPE) {
                if (i + 1 == text.length()) {
                    throw new IllegalArgumentException("dangling escape at the end");
                }
                char next = text.charAt(++i);
                if (next != SEPARATOR && next != ESCAPE) {
                    throw new IllegalArgumentException("unknown escape \\" + next + " at " + (i - 1));
                }
                field.append(next);
            } else if (c == SEPARATOR) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }

    static void requireName(String what, String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
    }
}
