package org.basket.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.basket.api.cluster.DrillPlan;
import org.basket.api.cluster.DrillPlan.Outage;
import org.basket.api.cluster.DrillReport;
import org.basket.api.cluster.SiteOverview;
import org.basket.api.cluster.Sites;
import org.basket.shell.support.CommandRunner;
import org.junit.jupiter.api.Test;

/** ha:drill, ha:sites, ha:grant-move, ha:site-lost over a Sites service that records what it was asked. */
class SiteCommandsTest {
    private final List<String> asked = new ArrayList<>();
    private final Sites sites = new Sites() {
        @Override
        public SiteOverview overview() {
            return new SiteOverview(List.of(new SiteOverview.Site("lyon", List.of("lyon1")),
                    new SiteOverview.Site("paris", List.of("paris1"))), List.of(new SiteOverview.Group("shop", "paris",
                    List.of("db", "web"), "lyon", "", List.of("lyon1", ""))));
        }

        @Override
        public DrillPlan planDrill(String group, String toSite) {
            asked.add("plan " + group + " " + toSite);
            if (toSite.equals("rome")) {
                throw new IllegalStateException("refused: site rome cannot run db: no host has room");
            }
            return new DrillPlan(group, "lyon", toSite, List.of("stand down", "start db on paris1"),
                    List.of(new Outage("db", "paris1", Duration.ofMillis(1500))), "the event log");
        }

        @Override
        public DrillReport drill(String group, String toSite, Consumer<String> progress) {
            asked.add("drill " + group + " " + toSite);
            progress.accept("  db running again on paris1 at +2.0 s");
            return new DrillReport(group, "lyon", toSite, true, "", Instant.EPOCH, Duration.ofMillis(700),
                    List.of(new Outage("db", "paris1", Duration.ofMillis(2000))));
        }

        @Override
        public void moveGrant(String group, String toSite, Consumer<String> progress) {
            asked.add("move " + group + " " + toSite);
            progress.accept("grant of " + group + " moved to site " + toSite);
        }

        @Override
        public List<String> declareSiteLost(String site, String toSite) {
            asked.add("lost " + site + " " + toSite);
            return List.of("shop: grant moved");
        }
    };

    @Test
    void aDryRunPrintsThePlanAndTheExpectedOutageAndDoesNothing() throws Exception {
        String out = run(new DrillCommand(), Map.of("group", "shop", "after", List.of("--to", "paris", "--dry-run")));
        assertEquals(List.of("plan shop paris"), asked);
        assertTrue(out.startsWith("Drill of shop from site lyon to paris:\n  stand down\n  start db on paris1\n"
                + "Expected outage (the event log):"), out);
        assertTrue(out.contains("1.5 s"), out);
    }

    @Test
    void aDrillBackGoesToTheHomeSiteAndReportsTheMeasuredOutage() throws Exception {
        String out = run(new DrillCommand(), Map.of("group", "shop", "after", List.of("--back")));
        assertEquals(List.of("plan shop paris", "drill shop paris"), asked);
        assertTrue(out.contains("  db running again on paris1 at +2.0 s\n"), out);
        assertTrue(out.contains("Drill completed: shop runs on paris; longest outage 2.0 s."), out);
    }

    @Test
    void aRefusalIsTheReasonAndNoDrill() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> run(new DrillCommand(), Map.of("group", "shop", "after", List.of("--to", "rome"))));
        assertEquals("refused: site rome cannot run db: no host has room", e.getMessage());
        assertEquals(List.of("plan shop rome"), asked);
        assertThrows(IllegalArgumentException.class, () -> run(new DrillCommand(), Map.of("group", "shop")));
        assertThrows(IllegalArgumentException.class,
                () -> run(new DrillCommand(), Map.of("group", "shop", "after", List.of("--to"))));
    }

    @Test
    void sitesListsHostsAndGroupsWithTheirGrant() throws Exception {
        String out = run(new SitesCommand(), Map.of());
        assertTrue(out.lines().anyMatch(l -> l.matches("paris\\W+paris1\\s*")), out);
        assertTrue(out.lines().anyMatch(l -> l.matches("shop\\W+paris\\W+lyon\\W+db=lyon1, web=-\\s*")), out);
        String json = run(new SitesCommand(), Map.of("json", true));
        assertTrue(json.contains("\"grant\":\"lyon\""), json);
        assertTrue(json.contains("\"role\":null,\"epoch\":null"), "no coordination service: " + json);
    }

    @Test
    void aGrantMovesAndASiteIsDeclaredLostOnlyWhenConfirmed() throws Exception {
        run(new GrantMoveCommand(), Map.of("group", "shop", "after", List.of("--to", "paris")));
        assertThrows(IllegalArgumentException.class,
                () -> run(new SiteLostCommand(), Map.of("site", "lyon", "after", List.of("--to", "paris"))));
        String out = run(new SiteLostCommand(), Map.of("site", "lyon", "after", List.of("--to", "paris", "--yes")));
        assertEquals("shop: grant moved\n", out);
        assertEquals(List.of("move shop paris", "lost lyon paris"), asked);
    }

    private String run(org.basket.shell.support.HaCommand command, Map<String, Object> fields) throws Exception {
        Map<String, Object> all = new java.util.HashMap<>(fields);
        all.put("sites", sites);
        if (all.get("after") instanceof List<?> words) {
            all.put("after", new ArrayList<>(words));
        }
        return CommandRunner.run(command, all);
    }
}
