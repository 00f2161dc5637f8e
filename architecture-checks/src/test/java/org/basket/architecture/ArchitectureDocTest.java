package org.basket.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

/** docs/ARCHITECTURE.md against the code: the names of its rule table exist, its exported packages have their versions. */
class ArchitectureDocTest {

    @Test
    void everyNameTheRuleTableGivesExists() {
        List<String> missing = new ArrayList<>();
        for (String row : ArchitectureDoc.rows("## Where each rule lives")) {
            for (String problem : RuleTableNames.missing(ArchitectureDoc.lastCell(row))) {
                missing.add(problem + "   (row: " + ArchitectureDoc.label(row) + ")");
            }
        }

        assertTrue(missing.isEmpty(), () -> ArchitectureDoc.FILE + " names what is not there:\n" + String.join("\n", missing));
    }

    @Test
    void theModulesTableListsEveryExportedPackageWithItsVersion() {
        Map<String, String> declared = ExportedPackages.declared();
        Map<String, String> documented = ExportedPackages.documented();
        List<String> wrong = new ArrayList<>();
        for (String modulePackage : new TreeSet<>(union(declared, documented))) {
            String code = declared.get(modulePackage);
            String doc = documented.get(modulePackage);
            if (code == null) {
                wrong.add(modulePackage + ": the doc says " + doc + ", but no package-info.java exports it");
            } else if (doc == null) {
                wrong.add(modulePackage + ": exported at " + code + ", missing from the modules table");
            } else if (!code.equals(doc)) {
                wrong.add(modulePackage + ": the doc says " + doc + ", package-info.java says " + code);
            }
        }

        assertTrue(wrong.isEmpty(), () -> ArchitectureDoc.FILE + "'s modules table is stale:\n" + String.join("\n", wrong));
    }

    @Test
    void theNamesOfACellAreFoundWhereItsModulesSayAndMissingOnesAreNamed() {
        assertEquals(List.of(), RuleTableNames.missing(
                "`core` `config.ConfigFolder`, `DriverRegistry.endpointOf`; SPI `api.monitor.GuestAgents`; shell `ha:status`"));
        assertEquals(List.of(), RuleTableNames.missing("`api` `Constraint.LocationRule`; `agent/monitors` `process`, "
                + "`ocf.OcfMonitor.validate`; `installer` `basket-agent-install.sh --ca`"));
        assertEquals(List.of("`Observer.pollEverything`: no method pollEverything in bundles/core/src/main/java/org/basket/"
                + "core/Observer.java", "`NoSuchThing`: no class NoSuchThing in org.basket.scheduler or below",
                "`config.Observer`: no class Observer in org.basket.core.config", "`ha:no-such`: no such command",
                "`Placement`: no module named before it"),
                RuleTableNames.missing("`core` `Observer.pollEverything`, `scheduler` `NoSuchThing`; `core` "
                        + "`config.Observer`, `ha:no-such`; `Placement`"));
    }

    private static java.util.Set<String> union(Map<String, String> a, Map<String, String> b) {
        java.util.Set<String> keys = new TreeSet<>(a.keySet());
        keys.addAll(b.keySet());
        return keys;
    }
}
