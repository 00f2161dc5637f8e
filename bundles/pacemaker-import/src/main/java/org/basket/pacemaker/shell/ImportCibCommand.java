package org.basket.pacemaker.shell;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.basket.pacemaker.CibImporter;
import org.basket.shell.support.HaCommand;

@Service
@Command(scope = "ha", name = "import-cib", description = "Imports a Pacemaker CIB as Basket's etc/ files.",
        detailedDescription = "ha:import-cib FILE [--dry-run] [--partial] [--to DIR] [--scenario FILE]: hosts, VMs "
                + "(VirtualDomain), constraints and fence devices become files in DIR (default: Karaf's etc/, where "
                + "the manager takes them over at once). What cannot be mapped is listed with its element's id and "
                + "why, and nothing is written unless --partial; --dry-run shows the files; --scenario also writes the "
                + "CIB's status as a scheduler scenario. No file is overwritten.")
public class ImportCibCommand extends HaCommand {
    private static final String USAGE = "ha:import-cib FILE [--dry-run] [--partial] [--to DIR] [--scenario FILE]";

    @Argument(index = 0, name = "file", description = "The CIB (cibadmin --query > cib.xml)", required = true)
    String file;

    @Argument(index = 1, name = "flags", description = "--dry-run, --partial, --to DIR, --scenario FILE",
            multiValued = true)
    List<String> flags;

    @Override
    protected void run() throws Exception {
        boolean dryRun = false;
        boolean partial = false;
        Path to = Path.of(System.getProperty("karaf.etc", "etc"));
        Path scenario = null;
        List<String> words = flags == null ? List.of() : flags;
        for (int i = 0; i < words.size(); i++) {
            switch (words.get(i)) {
                case "--dry-run" -> dryRun = true;
                case "--partial" -> partial = true;
                case "--to", "--scenario" -> {
                    if (i + 1 == words.size()) {
                        throw new IllegalArgumentException(words.get(i) + " needs a value: " + USAGE);
                    }
                    Path value = Path.of(words.get(++i));
                    if (words.get(i - 1).equals("--to")) {
                        to = value;
                    } else {
                        scenario = value;
                    }
                }
                default -> throw new IllegalArgumentException("unexpected '" + words.get(i) + "': " + USAGE);
            }
        }
        CibImporter.Outcome outcome;
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            outcome = CibImporter.run(in, file, new CibImporter.Options(dryRun, partial, to, scenario));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
        List<String> lines = outcome.lines();
        int shown = outcome.succeeded() ? lines.size() : lines.size() - 1;
        lines.subList(0, shown).forEach(out::println);
        if (!outcome.succeeded()) {
            throw new IllegalArgumentException(lines.get(lines.size() - 1));
        }
    }
}
