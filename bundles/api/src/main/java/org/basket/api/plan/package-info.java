/**
 * Actions and transitions: what the scheduler plans and the engine executes.
 */
@Export
@Version("1.0.0")
package org.basket.api.plan;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
