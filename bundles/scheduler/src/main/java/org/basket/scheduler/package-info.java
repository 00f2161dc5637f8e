/**
 * The scheduler: from the desired configuration and the observed state, where every resource
 * should run and which actions get there. A pure function: no OSGi, no I/O, no clock.
 */
@Export
@Version("1.1.0")
package org.basket.scheduler;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
