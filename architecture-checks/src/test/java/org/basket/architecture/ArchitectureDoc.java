package org.basket.architecture;

import java.util.ArrayList;
import java.util.List;

/** docs/ARCHITECTURE.md: the rows of its tables, each as its cells. */
final class ArchitectureDoc {
    static final String FILE = "docs/ARCHITECTURE.md";

    private ArchitectureDoc() {
    }

    /**
     * The rows of the first table under the heading, header and separator left out. A cell's text may hold {@code |} inside
     * back-ticks ({@code `eq|ne`}); only the last cell is cut at the last {@code |}, which is what the callers read.
     */
    static List<String> rows(String heading) {
        List<String> lines = Repository.read(Repository.ROOT.resolve(FILE)).lines().toList();
        int at = lines.indexOf(heading);
        if (at < 0) {
            throw new AssertionError(FILE + " has no heading '" + heading + "'");
        }
        List<String> rows = new ArrayList<>();
        int i = at + 1;
        while (i < lines.size() && !lines.get(i).startsWith("|")) {
            i++;
        }
        for (i += 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            rows.add(lines.get(i));
        }
        if (rows.isEmpty()) {
            throw new AssertionError(FILE + " has no table under '" + heading + "'");
        }
        return rows;
    }

    /** The row's last cell. */
    static String lastCell(String row) {
        String withoutEnd = row.substring(0, row.lastIndexOf('|'));
        return withoutEnd.substring(withoutEnd.lastIndexOf('|') + 1).strip();
    }

    /** The row's first cell, shortened for a message. */
    static String label(String row) {
        String first = row.substring(1, row.length()).strip();
        return first.length() > 70 ? first.substring(0, 70) + "..." : first;
    }
}
