package org.basket.api.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import aQute.bnd.differ.Baseline;
import aQute.bnd.differ.Baseline.Info;
import aQute.bnd.differ.DiffPluginImpl;
import aQute.bnd.osgi.Jar;
import aQute.bnd.osgi.Processor;

/**
 * bnd's baseline of the exported api packages against the last released api (src/test/baseline, made by
 * scripts/api-baseline.sh): a change to a package needs the version bump semantic versioning asks for.
 */
class ApiBaselineTest {
    private static final Path BASELINE = Path.of("src/test/baseline");
    private static final File BUILT = new File("target/classes");

    @Test
    void everyExportedPackageIsVersionedForWhatChangedSinceTheBaseline() throws Exception {
        List<String> mismatches = compare(BUILT, baselineJar()).stream().filter(info -> info.mismatch)
                .map(info -> info.packageName + " " + info.newerVersion + " changed (" + info.packageDiff.getDelta()
                        + ") since the baseline's " + info.olderVersion + ": needs at least " + info.suggestedVersion)
                .sorted().toList();

        assertTrue(mismatches.isEmpty(), () -> String.join("\n", mismatches));
    }

    @Test
    void aTypeAddedToAPackageWithoutAVersionBumpIsAMismatch() throws Exception {
        Set<Info> infos = compare(BUILT, baselineJar());
        Info cluster = infos.stream().filter(info -> info.packageName.equals("org.basket.api.cluster")).findFirst()
                .orElseThrow();
        assertFalse(cluster.mismatch, () -> "the built api already mismatches: " + cluster.suggestedVersion);

        try (Jar baseline = new Jar(baselineJar()); Jar older = withoutClusterService(baseline)) {
            Set<Info> grown = compare(baselineJar(), older);
            Info changed = grown.stream().filter(info -> info.packageName.equals("org.basket.api.cluster")).findFirst()
                    .orElseThrow();
            assertTrue(changed.mismatch, "a package that gained ClusterService at the same version must be a mismatch");
            assertEquals(changed.olderVersion.bumpMinor(), changed.suggestedVersion);
        }
    }

    /** The baseline as if ClusterService had not been there: another type's class file in its place. */
    private static Jar withoutClusterService(Jar baseline) throws Exception {
        Jar older = new Jar("older");
        baseline.getResources().forEach((name, resource) -> older.putResource(name, resource));
        older.setManifest(baseline.getManifest());
        older.putResource("org/basket/api/cluster/ClusterService.class",
                baseline.getResource("org/basket/api/cluster/ClusterEventListener.class"));
        return older;
    }

    private static Set<Info> compare(File newer, File older) throws Exception {
        try (Jar newerJar = new Jar(newer); Jar olderJar = new Jar(older)) {
            return compare(newerJar, olderJar);
        }
    }

    private static Set<Info> compare(File newer, Jar older) throws Exception {
        try (Jar newerJar = new Jar(newer)) {
            return compare(newerJar, older);
        }
    }

    private static Set<Info> compare(Jar newer, Jar older) throws Exception {
        try (Processor processor = new Processor()) {
            Set<Info> infos = new Baseline(processor, new DiffPluginImpl()).baseline(newer, older, null);
            assertTrue(processor.getErrors().isEmpty(), () -> "bnd: " + processor.getErrors());
            return infos;
        }
    }

    private static File baselineJar() throws IOException {
        try (Stream<Path> jars = Files.list(BASELINE)) {
            List<Path> found = jars.filter(p -> p.getFileName().toString().matches("basket-api-.*\\.jar")).toList();
            assertEquals(1, found.size(), "one baseline jar in " + BASELINE + ", found " + found);
            return found.get(0).toFile();
        }
    }
}
