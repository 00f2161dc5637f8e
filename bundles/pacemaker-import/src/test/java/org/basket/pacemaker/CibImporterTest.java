package org.basket.pacemaker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ha:import-cib and scripts/import-cib.sh: nothing written while parts are unmappable, unless --partial. */
class CibImporterTest {
    @TempDir
    Path dir;

    private CibImporter.Outcome run(String cib, boolean dryRun, boolean partial, Path scenario) throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/cibs/" + cib)) {
            return CibImporter.run(in, cib, new CibImporter.Options(dryRun, partial, dir.resolve("etc"), scenario));
        }
    }

    private List<String> written() throws Exception {
        if (!Files.exists(dir.resolve("etc"))) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir.resolve("etc"))) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void unmappablePartsWriteNothingAndAreListed() throws Exception {
        CibImporter.Outcome outcome = run("unmappable.xml", false, false, null);
        assertFalse(outcome.succeeded());
        assertTrue(outcome.lines().contains("not mapped: <clone id=\"ping-clone\">: a clone: Basket runs each resource"
                + " once"), outcome.lines().toString());
        assertEquals("nothing written: 3 parts cannot be mapped; --partial imports the rest",
                outcome.lines().get(outcome.lines().size() - 1));
        assertEquals(List.of(), written());
    }

    @Test
    void aPartialImportWritesWhatMaps() throws Exception {
        CibImporter.Outcome outcome = run("unmappable.xml", false, true, null);
        assertTrue(outcome.succeeded(), outcome.lines().toString());
        assertEquals(List.of("org.basket.driver-libvirt.cfg", "org.basket.host-node1.cfg", "org.basket.host-node2.cfg",
                "org.basket.resource-vm1.cfg"), written());
        String vm = Files.readString(dir.resolve("etc/org.basket.resource-vm1.cfg"));
        assertTrue(vm.contains("\nkind = vm\nmigratable = false\npriority = 0\nrank = 1\nenabled = true\n"
                + "migration.threshold = 1000000\nfailure.timeout.ms = 0\n"), vm);
        assertEquals(List.of(), run("unmappable.xml", false, true, null).lines().stream()
                .filter(l -> l.startsWith("wrote")).toList(), "a second import never overwrites");
    }

    @Test
    void aDryRunShowsTheFilesAndWritesNothing() throws Exception {
        CibImporter.Outcome outcome = run("vms.xml", true, true, null);
        assertTrue(outcome.succeeded());
        assertTrue(outcome.lines().contains("== " + dir.resolve("etc/org.basket.constraint-web-not-in-paris.cfg")),
                outcome.lines().toString());
        int at = outcome.lines().indexOf("== " + dir.resolve("etc/org.basket.resource-db.cfg"));
        assertEquals(List.of("kind = vm", "domain = db-vm", "cpus = 4", "memory.mb = 8192", "migratable = true"),
                outcome.lines().subList(at + 2, at + 7));
        assertTrue(outcome.lines().contains("not mapped: <primitive id=\"app-ip\">: not a VirtualDomain: a service on"
                + " the host itself, which Basket's configuration does not take yet (kind vm or guest-service)"));
        assertTrue(outcome.lines().contains("then: ha:host-standby kvm3"));
        assertEquals(List.of(), written());
    }

    @Test
    void theFilesAndTheStatusScenarioOfAPartialImport() throws Exception {
        Path scenario = dir.resolve("input.yaml");
        assertTrue(run("vms.xml", false, true, scenario).succeeded());
        assertEquals("# Imported from the Pacemaker CIB vms.xml by scripts/import-cib.sh (ha:import-cib)\n"
                + "type = location-rule\nresource = web\nattribute = site\noperation = eq\nvalue = paris\n"
                + "score = -INFINITY\n", Files.readString(dir.resolve("etc/org.basket.constraint-web-not-in-paris.cfg")));
        assertTrue(Files.readString(dir.resolve("etc/org.basket.fence-kvm2-fence-kvm2.cfg"))
                .endsWith("host = kvm2\nlevel = 1\nagent = fence_ipmilan\nip = 192.0.2.12\n"));
        String yaml = Files.readString(scenario);
        assertTrue(yaml.contains("\"kvm2\": {state: unclean, capacity: 8 CPU / 32768 MB, driver: libvirt, attributes:"
                + " {\"site\": \"lyon\"}}\n"), yaml);
        assertTrue(yaml.contains("\"app-ip\": {failed-on: \"kvm1\", fail-counts: {\"kvm1\": 1}, last-failure: "
                + "{\"kvm1\": 2026-01-01T11:58:20Z}}\n"), yaml);
        assertTrue(yaml.contains("now: 2026-01-01T12:00:00Z\n"), yaml);
    }
}
