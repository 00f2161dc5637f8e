/**
 * Fence device SPI: cut a host's power so that its resources can be recovered safely. Fence methods
 * come as {@link org.basket.api.fence.FenceDeviceFactory} services.
 */
@Export
@Version("1.1.0")
package org.basket.api.fence;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
