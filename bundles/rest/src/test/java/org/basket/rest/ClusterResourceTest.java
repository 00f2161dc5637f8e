package org.basket.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;

import org.basket.api.cluster.ClusterService;
import org.basket.api.cluster.ClusterSnapshot;
import org.basket.api.model.Capacity;
import org.basket.api.model.ClusterConfig;
import org.basket.api.model.ClusterState;
import org.basket.api.model.Host;
import org.basket.api.model.HostState;
import org.basket.api.model.HostStatus;
import org.basket.api.model.Resource;
import org.basket.api.model.ResourceStatus;
import org.basket.api.plan.Transition;
import org.junit.jupiter.api.Test;

/** GET /resources and GET /status: a resource blocked where its stop failed says so, as ha:resources --json does. */
class ClusterResourceTest {
    private final ClusterResource resource = new ClusterResource((ClusterService) Proxy.newProxyInstance(
            ClusterService.class.getClassLoader(), new Class<?>[] {ClusterService.class}, (proxy, method, args) ->
                    switch (method.getName()) {
                        case "snapshot" -> snapshot();
                        case "isClusterInMaintenance" -> false;
                        default -> throw new UnsupportedOperationException(method.getName());
                    }));

    private static ClusterSnapshot snapshot() {
        ClusterConfig config = ClusterConfig.of(List.of(new Host("node1", "sim", "", Map.of())),
                List.of(Resource.vm("db", new Capacity(1, 512)), Resource.vm("web", new Capacity(1, 512))), List.of());
        ClusterState state = ClusterState.of(List.of(new HostStatus("node1", HostState.ONLINE, new Capacity(4, 4096))),
                List.of(new ResourceStatus("db", List.of(), "node1", Map.of("node1", 1), false, Map.of(), "node1"),
                        ResourceStatus.runningOn("web", "node1")));
        return new ClusterSnapshot(config, state, List.of(), Map.of(), Transition.EMPTY);
    }

    @Test
    void aBlockedResourceIsBlockedOnItsHostAndTheOthersOnNone() {
        Map<String, Map<String, Object>> rows = byName(resource.resources());
        assertEquals("blocked on node1", rows.get("db").get("state"));
        assertEquals("node1", rows.get("db").get("blockedOn"));
        assertEquals("running", rows.get("web").get("state"));
        assertEquals("", rows.get("web").get("blockedOn"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> inStatus = (List<Map<String, Object>>) resource.status().get("resources");
        assertEquals(rows, byName(inStatus));
    }

    private static Map<String, Map<String, Object>> byName(List<Map<String, Object>> rows) {
        return rows.stream().collect(java.util.stream.Collectors.toMap(r -> (String) r.get("name"), r -> r));
    }
}
