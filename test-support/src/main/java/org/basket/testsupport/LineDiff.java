package org.basket.testsupport;

import java.util.ArrayList;
import java.util.List;

/** A line diff with a little context, from the longest common subsequence: for golden files. */
public final class LineDiff {
    private static final int CONTEXT = 2;

    private LineDiff() {
    }

    /** Lines only in {@code expected} start with "- ", only in {@code actual} with "+ ", context with two spaces. */
    public static String diff(String expected, String actual) {
        String[] a = expected.split("\n", -1);
        String[] b = actual.split("\n", -1);
        int[][] lcs = new int[a.length + 1][b.length + 1];
        for (int i = a.length - 1; i >= 0; i--) {
            for (int j = b.length - 1; j >= 0; j--) {
                lcs[i][j] = a[i].equals(b[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<String> lines = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.length || j < b.length) {
            if (i < a.length && j < b.length && a[i].equals(b[j])) {
                lines.add("  " + a[i++]);
                j++;
            } else if (i < a.length && (j == b.length || lcs[i + 1][j] >= lcs[i][j + 1])) {
                lines.add("- " + a[i++]);
            } else {
                lines.add("+ " + b[j++]);
            }
        }
        StringBuilder out = new StringBuilder();
        int lastShown = -1;
        for (int k = 0; k < lines.size(); k++) {
            if (!isChange(lines, k) && !nearChange(lines, k)) {
                continue;
            }
            if (lastShown >= 0 && k > lastShown + 1) {
                out.append("  ...\n");
            }
            out.append(lines.get(k)).append('\n');
            lastShown = k;
        }
        return out.toString();
    }

    private static boolean isChange(List<String> lines, int k) {
        return !lines.get(k).startsWith("  ");
    }

    private static boolean nearChange(List<String> lines, int k) {
        for (int d = Math.max(0, k - CONTEXT); d <= Math.min(lines.size() - 1, k + CONTEXT); d++) {
            if (isChange(lines, d)) {
                return true;
            }
        }
        return false;
    }
}
