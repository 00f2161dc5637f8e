package org.basket.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The repository this module sits in: its modules and their main Java sources. */
final class Repository {
    static final Path ROOT = findRoot();

    private Repository() {
    }

    private static Path findRoot() {
        Path start = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("docs/ARCHITECTURE.md")) && Files.isDirectory(dir.resolve("bundles"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no repository root (a folder with docs/ARCHITECTURE.md) above " + start);
    }

    /** {@code bundles/api} as is; {@code drivers/*}: every folder in {@code drivers} that has main Java sources. */
    static List<String> modules(String pattern) {
        if (!pattern.endsWith("/*")) {
            return List.of(pattern);
        }
        String parent = pattern.substring(0, pattern.length() - 2);
        try (Stream<Path> dirs = Files.list(ROOT.resolve(parent))) {
            return dirs.filter(dir -> Files.isDirectory(dir.resolve("src/main/java")))
                    .map(dir -> parent + "/" + dir.getFileName()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code .java} files under the module's {@code src/main/java}, none if it has no such folder. */
    static List<Path> mainSources(String module) {
        Path sources = ROOT.resolve(module).resolve("src/main/java");
        if (!Files.isDirectory(sources)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(sources)) {
            return files.filter(file -> file.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String relative(Path file) {
        return ROOT.relativize(file).toString().replace('\\', '/');
    }
}
