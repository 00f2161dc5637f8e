/**
 * The manager's side of the agent channel: enrolment tokens, the TLS listener that keeps one session
 * per agent, commands with acknowledgements, and the verdict on agents gone silent.
 */
@Export
@Version("1.0.0")
package org.basket.channel.manager;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
