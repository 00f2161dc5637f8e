package org.basket.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.basket.api.cluster.ClusterService;
import org.basket.api.cluster.History;
import org.junit.jupiter.api.Test;

/** GET /history: parameters checked before the service is asked, its answer as ha:history --json gives it. */
class HistoryResourceTest {
    private static final History HISTORY = new History("this manager's journal", List.of(new History.Entry(
            History.Kind.OPERATION, Instant.parse("2025-03-01T10:15:30Z"), "node1", "db", "start db on node1", "",
            History.Outcome.SUCCEEDED, Duration.ofMillis(20), "")), 0);

    private final List<List<Object>> calls = new ArrayList<>();
    private final ClusterResource resource = new ClusterResource((ClusterService) Proxy.newProxyInstance(
            ClusterService.class.getClassLoader(), new Class<?>[] {ClusterService.class}, (proxy, method, args) -> {
                if (!method.getName().equals("history")) {
                    throw new UnsupportedOperationException(method.getName());
                }
                calls.add(Arrays.asList(args));
                if ("nosuch".equals(args[0])) {
                    throw new IllegalArgumentException("unknown host 'nosuch': neither configured nor in the history");
                }
                return HISTORY;
            }));

    @Test
    void answersWithTheSourceAndTheEntries() {
        assertEquals(Map.of("source", "this manager's journal", "omitted", 0, "entries", List.of(Map.of(
                "time", "2025-03-01T10:15:30Z", "kind", "operation", "host", "node1", "resource", "db",
                "action", "start db on node1", "device", "", "outcome", "succeeded", "durationMs", 20L, "detail", ""))),
                resource.history("node1", "db", "5"));
        resource.history(null, null, null);
        assertEquals(List.of(Arrays.asList("node1", "db", 5), Arrays.asList(null, null, 30)), calls);
    }

    @Test
    void badParametersAre400ProblemsAndNothingIsAsked() {
        for (String[] bad : new String[][] {{null, null, "0"}, {null, null, "1001"}, {null, null, "x"},
                {"../etc", null, null}, {null, "a b", null}}) {
            Problem problem = assertThrows(Problem.class, () -> resource.history(bad[0], bad[1], bad[2]));
            assertEquals(400, problem.body("/api/history").get("status"));
        }
        assertEquals("limit must be a whole number from 1 to 1000, not '0'",
                assertThrows(Problem.class, () -> resource.history(null, null, "0")).getMessage());
        assertEquals(List.of(), calls);
    }

    @Test
    void anUnknownHostIsA400WithTheServicesWords() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> resource.history("nosuch", null, null));
        Problem problem = Problems.problem(unknown);
        assertEquals(400, problem.body("/api/history").get("status"));
        assertEquals("unknown host 'nosuch': neither configured nor in the history", problem.getMessage());
    }
}
