package org.basket.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The expected file of a golden corpus case: compared with what the run gave; with {@code -Dscenarios.update=true}
 * rewritten from it, to be reviewed like code.
 */
public final class GoldenFile {
    public static final boolean UPDATE = Boolean.getBoolean("scenarios.update");

    private GoldenFile() {
    }

    /**
     * @param where  the case, for messages
     * @param output what the run gives, for messages: "run", "plan"
     * @throws AssertionError when the file is missing or differs, naming the case and showing the difference
     */
    public static void check(Path file, String actual, String where, String output) throws IOException {
        String expected = Files.isRegularFile(file)
                ? Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\n") : null;
        if (actual.equals(expected)) {
            return;
        }
        String name = file.getFileName().toString();
        if (UPDATE) {
            Files.writeString(file, actual, StandardCharsets.UTF_8);
            System.out.println((expected == null ? "wrote " : "rewrote ") + where + "/" + name);
            return;
        }
        if (expected == null) {
            throw new AssertionError(where + ": no " + name + "; run with -Dscenarios.update=true to write it, then read "
                    + "it. The " + output + ":\n" + actual);
        }
        throw new AssertionError(where + "/" + name + " differs from the " + output + " (- expected, + " + output
                + "):\n" + LineDiff.diff(expected, actual) + "If the new " + output + " is right, run with "
                + "-Dscenarios.update=true and review the change.");
    }
}
