/**
 * Hypervisor driver SPI, implemented by driver bundles.
 */
@Export
@Version("1.4.0")
package org.basket.api.driver;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
