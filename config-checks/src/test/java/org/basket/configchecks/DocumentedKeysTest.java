package org.basket.configchecks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The documented example configurations and the declared keys agree, both ways. */
class DocumentedKeysTest {
    private static final Path ROOT = root();
    /** The agent distribution's own example, beside the manager's in config/. */
    private static final Path AGENT_EXAMPLE = ROOT.resolve("karaf-assembly/agent/src/main/assembly/etc/org.basket.agent.cfg");

    @TempDir
    Path temp;

    @Test
    void everyKeyAnExampleSetsIsDeclared() throws IOException {
        assertEquals(List.of(), DocumentedKeys.undeclared(examples()));
    }

    @Test
    void everyDeclaredKeyIsInAnExample() throws IOException {
        assertEquals(List.of(), DocumentedKeys.undocumented(examples()));
    }

    @Test
    void aTypoInAnExampleAndAKeyLeftOutAreFound() throws IOException {
        Path typo = Files.writeString(temp.resolve("org.basket.agents.cfg"), "port = 8543\n#bind.adress = 0.0.0.0\n");
        List<ExampleFile> examples = List.of(ExampleFile.read(typo));

        assertEquals(List.of("org.basket.agents.cfg: key 'bind.adress' is declared by neither AgentsConfig"),
                DocumentedKeys.undeclared(examples));
        List<String> undocumented = DocumentedKeys.undocumented(examples);
        assertTrue(undocumented.contains("AgentsConfig: key 'bind.address' is in no example of org.basket.agents"
                + " [org.basket.agents.cfg]: set it, or write it commented out (#bind.address = ...) where it is described"),
                undocumented.toString());
    }

    @Test
    void aDriversKeysAreCheckedAgainstTheDeclarationOfItsType() throws IOException {
        Path kvm = Files.writeString(temp.resolve("org.basket.driver-kvm.cfg.example"), "type = libvirt\nusername = x\n"
                + "latency.ms = 5\n");

        assertEquals(List.of("org.basket.driver-kvm.cfg.example: key 'latency.ms' is declared by neither"
                + " DriverEndpointConfig nor LibvirtConfig"), DocumentedKeys.undeclared(List.of(ExampleFile.read(kvm))));
    }

    private static List<ExampleFile> examples() throws IOException {
        List<ExampleFile> examples = new ArrayList<>();
        try (Stream<Path> files = Files.list(ROOT.resolve("config"))) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches("org\\.basket\\..*\\.cfg(\\.example)?"))
                    .sorted().toList()) {
                examples.add(ExampleFile.read(file));
            }
        }
        examples.add(ExampleFile.read(AGENT_EXAMPLE));
        return examples;
    }

    private static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("config"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no config/ above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
