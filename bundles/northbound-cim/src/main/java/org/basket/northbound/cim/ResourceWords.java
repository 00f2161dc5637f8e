package org.basket.northbound.cim;

import org.basket.api.model.Resource;
import org.basket.api.model.ResourceStatus;

/** A resource's state in one word, as {@code ha:resources} says it without the details. */
final class ResourceWords {
    private ResourceWords() {
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
