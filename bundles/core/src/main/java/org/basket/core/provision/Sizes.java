package org.basket.core.provision;

import java.util.Locale;

/** Sizes written as bytes or with a binary unit: 512M, 2G, 1T. */
public final class Sizes {
    private static final long MAX = 1L << 50;

    private Sizes() {
    }

    /** @throws IllegalArgumentException naming the value */
    public static long parse(String text) {
        String value = text.trim().toUpperCase(Locale.ROOT);
        long unit = 1;
        String digits = value;
        int suffix = "KMGT".indexOf(value.isEmpty() ? ' ' : value.charAt(value.length() - 1));
        if (suffix >= 0) {
            unit = 1L << (10 * (suffix + 1));
            digits = value.substring(0, value.length() - 1);
        }
        if (!digits.matches("[0-9]{1,16}")) {
            throw new IllegalArgumentException("'" + text + "' is not a size (bytes, or a number with K, M, G or T)");
        }
        long number = Long.parseLong(digits);
        if (number < 1 || number > MAX / unit) {
            throw new IllegalArgumentException("'" + text + "' is not a size between 1 byte and 1024 T");
        }
        return number * unit;
    }

    public static String describe(long bytes) {
        for (String unit : new String[] {"T", "G", "M", "K"}) {
            long size = 1L << (10 * ("KMGT".indexOf(unit) + 1));
            if (bytes % size == 0) {
                return bytes / size + unit;
            }
        }
        return bytes + " bytes";
    }
}
