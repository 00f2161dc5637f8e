/**
 * Desired configuration and observed state of a Basket cluster: immutable values.
 */
@Export
@Version("1.2.0")
package org.basket.api.model;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
