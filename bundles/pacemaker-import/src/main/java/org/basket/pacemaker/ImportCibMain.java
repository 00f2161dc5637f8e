package org.basket.pacemaker;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code scripts/import-cib.sh FILE [--dry-run] [--partial] [--to DIR] [--scenario FILE]}: exit 0 when imported. */
public final class ImportCibMain {
    private static final String USAGE = "usage: import-cib.sh FILE [--dry-run] [--partial] [--to DIR] [--scenario FILE]";

    private ImportCibMain() {
    }

    public static void main(String[] args) throws IOException {
        String file = null;
        boolean dryRun = false;
        boolean partial = false;
        Path to = Path.of("etc");
        Path scenario = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--dry-run" -> dryRun = true;
                case "--partial" -> partial = true;
                case "--to", "--scenario" -> {
                    if (i + 1 == args.length) {
                        usage(args[i] + " needs a value");
                    }
                    if (args[i].equals("--to")) {
                        to = Path.of(args[++i]);
                    } else {
                        scenario = Path.of(args[++i]);
                    }
                }
                default -> {
                    if (args[i].startsWith("-") || file != null) {
                        usage("unexpected argument '" + args[i] + "'");
                    }
                    file = args[i];
                }
            }
        }
        if (file == null) {
            usage("the CIB file is missing");
        }
        CibImporter.Outcome outcome;
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            outcome = CibImporter.run(in, file, new CibImporter.Options(dryRun, partial, to, scenario));
        } catch (IOException e) {
            System.err.println("import-cib: cannot read " + file + ": " + e.getMessage());
            System.exit(2);
            return;
        }
        outcome.lines().forEach(System.out::println);
        System.exit(outcome.succeeded() ? 0 : 1);
    }

    private static void usage(String problem) {
        System.err.println("import-cib: " + problem);
        System.err.println(USAGE);
        System.exit(2);
    }
}
