/**
 * Service monitor SPI, implemented by in-guest agent bundles.
 */
@Export
@Version("1.1.0")
package org.basket.api.monitor;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
