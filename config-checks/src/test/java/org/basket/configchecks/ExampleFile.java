package org.basket.configchecks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A documented example configuration: the keys it sets, live ({@code key = value}) or commented out
 * ({@code #key = default}, no space after the {@code #}: {@code # text} is prose), and its live
 * {@code type}, which names a driver endpoint's declaration.
 */
record ExampleFile(Path path, Set<String> keys, Optional<String> type) {
    private static final Pattern ASSIGNMENT = Pattern.compile("(#)?([A-Za-z][A-Za-z0-9._-]*)\\s*=\\s*(.*)");

    static ExampleFile read(Path path) throws IOException {
        Set<String> keys = new LinkedHashSet<>();
        Optional<String> type = Optional.empty();
        for (String line : Files.readAllLines(path)) {
            Matcher matcher = ASSIGNMENT.matcher(line.trim());
            if (matcher.matches()) {
                keys.add(matcher.group(2));
                if (matcher.group(1) == null && matcher.group(2).equals("type")) {
                    type = Optional.of(matcher.group(3).trim());
                }
            }
        }
        return new ExampleFile(path, keys, type);
    }

    String name() {
        return path.getFileName().toString();
    }

    String pid() {
        return Declarations.pidOf(name());
    }
}
