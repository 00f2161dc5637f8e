package org.basket.pacemaker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Basket plans as Pacemaker does: each CIB of {@code src/test/resources/agreement} (written for the project) is
 * planned by Pacemaker's own scheduler, Debian's {@code crm_simulate -S} (package pacemaker-cli-utils, installed by
 * scripts/prerequisites.sh), and, imported, by Basket's; the Transition Summaries must agree resource by resource
 * (kind of change and hosts) and in the nodes fenced. The regression suite's corpus is compared by
 * scripts/compare-pacemaker-cts.sh (docs/pacemaker-compatibility.md).
 */
class CrmSimulateAgreementTest {
    private static final Path CASES = Path.of("src", "test", "resources", "agreement");

    @TempDir
    Path dir;

    static List<String> cases() throws IOException {
        try (Stream<Path> files = Files.list(CASES)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".xml")).sorted().toList();
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void basketPlansAsCrmSimulateDoes(String file) throws Exception {
        Path summary = dir.resolve(file.replace(".xml", ".summary"));
        Process process = new ProcessBuilder("crm_simulate", "-x", CASES.resolve(file).toString(), "-S")
                .redirectErrorStream(true).redirectOutput(summary.toFile()).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "crm_simulate did not finish within 60 s");
        assertEquals(0, process.exitValue(), () -> "crm_simulate failed: " + read(summary));
        assertTrue(read(summary).contains("Transition Summary:"), () -> read(summary));
        CtsComparison.Outcome outcome = CtsComparison.compare(file, CASES.resolve(file), summary);
        assertEquals("same", outcome.verdict(), () -> outcome.detail() + "\n" + read(summary));
    }

    private static String read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readAllBytes());
        } catch (IOException e) {
            return e.toString();
        }
    }
}
