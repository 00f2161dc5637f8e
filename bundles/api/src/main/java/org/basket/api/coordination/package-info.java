/**
 * Coordination of several managers: whether this manager may act ({@link org.basket.api.coordination.Coordination}),
 * and the small shared state its intents are written to ({@link org.basket.api.coordination.SharedState}), every write
 * conditional on the writer's epoch; the reconcile polls of the hosts shared out among the managers
 * ({@link org.basket.api.coordination.ObservationShare}).
 */
@Export
@Version("1.1.0")
package org.basket.api.coordination;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
