/**
 * A simulated hypervisor world: in-memory hosts and domains with configurable latency and fault
 * injection. Not a real hypervisor. Pure Java, usable directly from unit tests.
 */
@Export
@Version("1.2.0")
package org.basket.driver.sim;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
