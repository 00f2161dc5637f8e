/**
 * Service monitor SPI, implemented by in-guest agent bundles, and the manager's gateway to the agents.
 */
@Export
@Version("1.3.0")
package org.basket.api.monitor;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
