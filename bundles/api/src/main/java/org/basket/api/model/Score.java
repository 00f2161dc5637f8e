package org.basket.api.model;

/**
 * Linux-HA scores: integers that saturate at {@code +/-INFINITY}, where {@code -INFINITY} wins
 * over {@code +INFINITY}.
 */
public final class Score {
    public static final int INFINITY = 1_000_000;
    public static final int MINUS_INFINITY = -INFINITY;

    private Score() {
    }

    public static int add(int a, int b) {
        if (a <= MINUS_INFINITY || b <= MINUS_INFINITY) {
            return MINUS_INFINITY;
        }
        if (a >= INFINITY || b >= INFINITY) {
            return INFINITY;
        }
        return clamp((long) a + b);
    }

    public static int clamp(long score) {
        return (int) Math.max(MINUS_INFINITY, Math.min(INFINITY, score));
    }

    /** Parses {@code INFINITY}, {@code +INFINITY}, {@code -INFINITY} or an integer. */
    public static int parse(String text) {
        String t = text.trim();
        switch (t.toUpperCase(java.util.Locale.ROOT)) {
            case "INFINITY":
            case "+INFINITY":
                return INFINITY;
            case "-INFINITY":
                return MINUS_INFINITY;
            default:
                try {
                    return clamp(Long.parseLong(t));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("not a score: '" + text + "' (an integer, INFINITY or -INFINITY)");
                }
        }
    }

    public static String format(int score) {
        if (score >= INFINITY) {
            return "INFINITY";
        }
        if (score <= MINUS_INFINITY) {
            return "-INFINITY";
        }
        return Integer.toString(score);
    }
}
