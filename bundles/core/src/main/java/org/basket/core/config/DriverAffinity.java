package org.basket.core.config;

import org.basket.api.model.Constraint;
import org.basket.api.model.Score;

/**
 * A VM's {@code driver} key: only hosts of this driver endpoint may run it. Every host carries its endpoint as the
 * attribute {@link #HOST_ATTRIBUTE}, so the scheduler sees the affinity as a location rule it already knows.
 */
record DriverAffinity(String driver) {
    /** The attribute every host has, its driver endpoint's name. */
    static final String HOST_ATTRIBUTE = "driver";

    /** The rule that bans {@code resource} from every host of another driver; its name cannot clash with a file's. */
    Constraint.LocationRule rule(String resource) {
        return new Constraint.LocationRule(resource + ":driver", resource, HOST_ATTRIBUTE,
                Constraint.AttributeOperation.NE, driver, Score.MINUS_INFINITY);
    }
}
