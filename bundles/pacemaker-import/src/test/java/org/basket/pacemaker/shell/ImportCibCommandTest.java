package org.basket.pacemaker.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.basket.shell.support.CommandRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ha:import-cib, a thin layer over CibImporter: flags after the file, the outcome as printed lines. */
class ImportCibCommandTest {
    private static final String CIBS = "src/test/resources/cibs/";

    @TempDir
    Path dir;

    private String run(String cib, String... flags) throws Exception {
        return CommandRunner.run(new ImportCibCommand(), Map.of("file", CIBS + cib, "flags", List.of(flags)));
    }

    @Test
    void anUnmappablePartRefusesTheImportInOneLineAfterTheList() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> run("unmappable.xml", "--to", dir.toString()));
        assertEquals("nothing written: 3 parts cannot be mapped; --partial imports the rest", e.getMessage());
        assertTrue(Files.notExists(dir.resolve("org.basket.resource-vm1.cfg")));
    }

    @Test
    void aPartialImportWritesTheFilesToTheFolderGiven() throws Exception {
        String output = run("unmappable.xml", "--partial", "--to", dir.toString());
        assertTrue(output.contains("not mapped: <rsc_ticket id=\"vm1-needs-ticket\">: a ticket (multi-site): Basket"
                + " has no tickets\n"), output);
        assertTrue(output.contains("wrote 4 files to " + dir + "\n"), output);
        assertTrue(Files.readString(dir.resolve("org.basket.resource-vm1.cfg")).contains("kind = vm\n"));
    }

    @Test
    void aDryRunWritesNothingAndAMissingFileOrFlagIsNamed() throws Exception {
        String output = run("unmappable.xml", "--dry-run", "--partial", "--to", dir.toString());
        assertTrue(output.contains("== " + dir.resolve("org.basket.host-node1.cfg") + "\n"), output);
        assertTrue(Files.notExists(dir.resolve("org.basket.host-node1.cfg")));
        assertEquals("unexpected '--force': ha:import-cib FILE [--dry-run] [--partial] [--to DIR] [--scenario FILE]",
                assertThrows(IllegalArgumentException.class, () -> run("vms.xml", "--force")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> run("missing.xml")).getMessage()
                .startsWith("cannot read src/test/resources/cibs/missing.xml: "));
    }
}
