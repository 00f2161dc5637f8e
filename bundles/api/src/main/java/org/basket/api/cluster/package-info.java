/**
 * Services the Basket core provides to shells, REST and northbound layers.
 */
@Export
@Version("1.5.0")
package org.basket.api.cluster;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
