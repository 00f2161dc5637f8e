package org.basket.pacemaker;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * {@code ha:import-cib} and {@code scripts/import-cib.sh}: a CIB to {@code etc/} files. Writes nothing when a part
 * cannot be mapped unless asked for a partial import; never overwrites a file; a dry run only shows the files.
 */
public final class CibImporter {
    /**
     * @param dryRun   show the files, write nothing
     * @param partial  write what can be mapped even when some parts cannot
     * @param to       the folder the files go to ({@code etc/})
     * @param scenario where to write the status as a scheduler scenario ({@code input.yaml}), or null
     */
    public record Options(boolean dryRun, boolean partial, Path to, Path scenario) {
    }

    /** What an import did: the lines to show, and whether it wrote the files (or would have, in a dry run). */
    public record Outcome(List<String> lines, boolean succeeded) {
    }

    private CibImporter() {
    }

    public static Outcome run(InputStream cib, String source, Options options) {
        List<String> lines = new ArrayList<>();
        CibImport imported;
        try {
            imported = CibImport.read(cib, source);
        } catch (CibException e) {
            lines.add("refused: " + e.getMessage());
            return new Outcome(lines, false);
        }
        EtcFiles etc = EtcFiles.of(imported, source);
        List<Unmapped> unmapped = new ArrayList<>(imported.unmapped());
        unmapped.addAll(etc.unmapped());
        SortedMap<String, String> files = etc.files();
        lines.add(source + ": " + imported.config().hosts().size() + " hosts, " + imported.config().resources().size()
                + " resources, " + imported.config().constraints().size() + " constraints, "
                + imported.fenceDevices().size() + " fence devices; " + files.size() + " files");
        for (Unmapped u : unmapped) {
            lines.add("not mapped: " + u);
        }
        boolean refused = !unmapped.isEmpty() && !options.partial();
        if (options.dryRun()) {
            for (Map.Entry<String, String> f : files.entrySet()) {
                lines.add("== " + options.to().resolve(f.getKey()));
                lines.addAll(f.getValue().lines().toList());
            }
        }
        if (refused) {
            lines.add((options.dryRun() ? "would write nothing: " : "nothing written: ") + unmapped.size()
                    + " parts cannot be mapped; --partial imports the rest");
            return new Outcome(lines, false);
        }
        if (!options.dryRun()) {
            try {
                write(files, options.to());
                if (options.scenario() != null) {
                    write(options.scenario(), ScenarioFile.of(imported, "imported from " + source));
                    lines.add("wrote the status as a scenario: " + options.scenario());
                }
            } catch (IOException e) {
                lines.add("nothing more written: " + e.getMessage());
                return new Outcome(lines, false);
            }
            lines.add("wrote " + files.size() + " files to " + options.to());
        }
        etc.notes().forEach(n -> lines.add("then: " + n));
        imported.commands().forEach(c -> lines.add("then: " + c));
        return new Outcome(lines, true);
    }

    /** Every file, or none where one exists already. */
    private static void write(SortedMap<String, String> files, Path dir) throws IOException {
        for (String name : files.keySet()) {
            if (Files.exists(dir.resolve(name))) {
                throw new IOException(dir.resolve(name) + " exists; an import never overwrites a file");
            }
        }
        Files.createDirectories(dir);
        for (Map.Entry<String, String> f : files.entrySet()) {
            write(dir.resolve(f.getKey()), f.getValue());
        }
    }

    private static void write(Path file, String content) throws IOException {
        Files.writeString(file, content, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
    }
}
