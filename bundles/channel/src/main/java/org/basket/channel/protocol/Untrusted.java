package org.basket.channel.protocol;

/**
 * Text from an agent or an unauthenticated peer, made safe for a log line or a terminal: newline,
 * carriage return and tab become {@code \n}, {@code \r}, {@code \t}; every other control character
 * (C0, DEL, C1, so ANSI escapes too), bidirectional overrides and line separators become {@code \}{@code uXXXX}.
 * Escaping twice changes nothing more.
 */
public final class Untrusted {
    private Untrusted() {
    }

    public static String text(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            String replacement = replacement(c);
            if (replacement != null && out == null) {
                out = new StringBuilder(value.length() + 16).append(value, 0, i);
            }
            if (out != null) {
                out.append(replacement != null ? replacement : String.valueOf(c));
            }
        }
        return out == null ? value : out.toString();
    }

    private static String replacement(char c) {
        return switch (c) {
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            default -> unsafe(c) ? String.format("\\u%04x", (int) c) : null;
        };
    }

    private static boolean unsafe(char c) {
        return c < 0x20 || c >= 0x7f && c <= 0x9f || c >= 0x202a && c <= 0x202e || c >= 0x2066 && c <= 0x2069
                || c == 0x2028 || c == 0x2029;
    }
}
