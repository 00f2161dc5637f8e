package org.basket.api.coordination;

import org.osgi.annotation.versioning.ConsumerType;

/** Hears every change of this manager's role, in order, on the coordination's own thread. */
@ConsumerType
@FunctionalInterface
public interface RoleListener {
    void roleChanged(Role previous, Role current);
}
