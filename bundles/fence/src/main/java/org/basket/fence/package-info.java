/**
 * Fence devices backed by the standard fence agents ({@code fence_*}), driven through their stdin
 * {@code key=value} protocol.
 */
@Export
@Version("1.1.0")
package org.basket.fence;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
