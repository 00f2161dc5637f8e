/**
 * Installs and removes the in-guest agent over SSH: uploads the agent archive and the standalone
 * install script, runs it, and waits until the agent reports.
 */
@Export
@Version("1.0.0")
package org.basket.installer;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
