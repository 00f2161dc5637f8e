package org.basket.northbound.prometheus;

import java.util.List;

import org.basket.api.model.Resource;
import org.basket.api.model.ResourceStatus;

/** The state label of a resource, one word each: what {@code ha:resources} says, without the details. */
final class ResourceStates {
    static final List<String> ALL = List.of("running", "multiple", "stopped", "failed", "disabled", "maintenance",
            "blocked");

    private ResourceStates() {
    }

    static String of(Resource resource, ResourceStatus status) {
        if (status.isBlocked()) {
            return "blocked";
        }
        if (status.maintenance()) {
            return "maintenance";
        }
        if (status.activeOn().size() > 1) {
            return "multiple";
        }
        if (status.isActive()) {
            return "running";
        }
        if (!resource.enabled()) {
            return "disabled";
        }
        return status.failedOn().isEmpty() ? "stopped" : "failed";
    }
}
