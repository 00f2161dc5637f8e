package org.basket.core.provision;

import org.basket.api.cluster.VmRequest;

/** Sizes written as bytes or with a binary unit: 512M, 2G, 1T. */
public final class Sizes {
    private static final long MAX = 1L << 50;

    private Sizes() {
    }

    /** @throws IllegalArgumentException naming the value */
    public static long parse(String text) {
        long bytes = VmRequest.size(text);
        if (bytes > MAX) {
            throw new IllegalArgumentException("'" + text + "' is larger than 1024 T");
        }
        return bytes;
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
