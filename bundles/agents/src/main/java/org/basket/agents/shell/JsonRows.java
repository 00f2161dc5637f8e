package org.basket.agents.shell;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Rows of strings, numbers, booleans and nulls as a JSON array of objects. The shell bundle's writer cannot be shared
 * without a bundle both would import (the shell may use only the api): keep the two in step.
 */
final class JsonRows {
    private JsonRows() {
    }

    static String write(List<Map<String, Object>> rows) {
        StringBuilder out = new StringBuilder("[");
        for (Iterator<Map<String, Object>> row = rows.iterator(); row.hasNext();) {
            out.append('{');
            for (Iterator<Map.Entry<String, Object>> field = row.next().entrySet().iterator(); field.hasNext();) {
                Map.Entry<String, Object> entry = field.next();
                string(entry.getKey(), out);
                out.append(':');
                value(entry.getValue(), out);
                out.append(field.hasNext() ? "," : "");
            }
            out.append('}').append(row.hasNext() ? "," : "");
        }
        return out.append(']').toString();
    }

    private static void value(Object value, StringBuilder out) {
        if (value == null || value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else {
            string(value.toString(), out);
        }
    }

    private static void string(String text, StringBuilder out) {
        out.append('"');
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        out.append('"');
    }
}
