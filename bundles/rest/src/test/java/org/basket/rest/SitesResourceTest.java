package org.basket.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

import org.basket.api.cluster.DrillPlan;
import org.basket.api.cluster.DrillReport;
import org.basket.api.cluster.SiteOverview;
import org.basket.api.cluster.Sites;
import org.basket.api.coordination.Coordination;
import org.basket.api.coordination.Member;
import org.basket.api.coordination.Role;
import org.basket.api.coordination.RoleListener;
import org.junit.jupiter.api.Test;

/** GET /sites: the Sites service's overview and this manager's role and epoch, as JSON; 503 without the service. */
class SitesResourceTest {
    private static final SiteOverview OVERVIEW = new SiteOverview(
            List.of(new SiteOverview.Site("lyon", List.of("lyon2", "lyon1")),
                    new SiteOverview.Site("paris", List.of("paris1"))),
            List.of(new SiteOverview.Group("shop", "paris", List.of("db", "web"), "lyon", "", List.of("lyon1", "")),
                    new SiteOverview.Group("ledger", "lyon", List.of("books"), "", "paris", List.of(""))));

    @Test
    void answersTheSitesTheGroupsWithTheirGrantAndTheEpochGrantsAreMovedIn() throws Exception {
        String json = JsonWriter.MAPPER.writeValueAsString(new SitesResource(sites(), follower(7)).sites());
        assertEquals("{\"sites\":[{\"site\":\"lyon\",\"hosts\":[\"lyon1\",\"lyon2\"]},"
                + "{\"site\":\"paris\",\"hosts\":[\"paris1\"]}],"
                + "\"groups\":[{\"group\":\"shop\",\"home\":\"paris\",\"grant\":\"lyon\",\"movingTo\":null,"
                + "\"members\":{\"db\":\"lyon1\",\"web\":\"-\"}},"
                + "{\"group\":\"ledger\",\"home\":\"lyon\",\"grant\":\"stood down, moving to paris\",\"movingTo\":\"paris\","
                + "\"members\":{\"books\":\"-\"}}],"
                + "\"role\":\"FOLLOWER\",\"epoch\":7}", json);
    }

    @Test
    void withoutCoordinationTheRoleAndEpochAreNull() throws Exception {
        String json = JsonWriter.MAPPER.writeValueAsString(new SitesResource(sites(), null).sites());
        assertTrue(json.endsWith("\"role\":null,\"epoch\":null}"), json);
    }

    @Test
    void withoutTheSitesServiceItIsA503Problem() {
        Problem problem = assertThrows(Problem.class, () -> new SitesResource(null, follower(1)).sites());
        assertEquals(503, problem.body("/api/sites").get("status"));
        assertEquals("sites are not available (the core is not running)", problem.getMessage());
    }

    private static Sites sites() {
        return new Sites() {
            @Override
            public SiteOverview overview() {
                return OVERVIEW;
            }

            @Override
            public DrillPlan planDrill(String group, String toSite) {
                throw new UnsupportedOperationException("GET /sites only reads");
            }

            @Override
            public DrillReport drill(String group, String toSite, Consumer<String> progress) {
                throw new UnsupportedOperationException("GET /sites only reads");
            }

            @Override
            public void moveGrant(String group, String toSite, Consumer<String> progress) {
                throw new UnsupportedOperationException("GET /sites only reads");
            }

            @Override
            public List<String> declareSiteLost(String site, String toSite) {
                throw new UnsupportedOperationException("GET /sites only reads");
            }
        };
    }

    private static Coordination follower(long epoch) {
        return new Coordination() {
            @Override
            public String managerId() {
                return "m2";
            }

            @Override
            public Role role() {
                return Role.follower(epoch, "m1", Instant.EPOCH);
            }

            @Override
            public boolean leadsAt(long e) {
                return false;
            }

            @Override
            public Duration lease() {
                return Duration.ofSeconds(5);
            }

            @Override
            public List<Member> members() {
                return List.of();
            }

            @Override
            public void addRoleListener(RoleListener listener) {
            }

            @Override
            public void removeRoleListener(RoleListener listener) {
            }
        };
    }
}
