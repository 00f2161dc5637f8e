package org.basket.pacemaker;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Pacemaker's intervals: {@code 60}, {@code 60s}, {@code 10min}, {@code 2h}, {@code 500ms}, ISO 8601 {@code PT1M}. */
final class PacemakerTime {
    private static final Pattern SPEC = Pattern.compile("\\s*(\\d+)\\s*(ms|msec|us|usec|s|sec|m|min|h|hr)?\\s*");

    private PacemakerTime() {
    }

    /** The interval; zero for what is not one (as Pacemaker takes it). */
    static Duration duration(String text) {
        if (text == null) {
            return Duration.ZERO;
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("p")) {
            try {
                return Duration.parse(t.toUpperCase(Locale.ROOT));
            } catch (RuntimeException e) {
                return Duration.ZERO;
            }
        }
        Matcher m = SPEC.matcher(t);
        if (!m.matches()) {
            return Duration.ZERO;
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms", "msec" -> Duration.ofMillis(n);
            case "us", "usec" -> Duration.ofNanos(n * 1000);
            case "m", "min" -> Duration.ofMinutes(n);
            case "h", "hr" -> Duration.ofHours(n);
            default -> Duration.ofSeconds(n);
        };
    }
}
