/**
 * The agent's side of the channel: enrolment with a one-time token, the identity kept on disk, and
 * the session it keeps open to the manager (heartbeats, reports, commands).
 */
@Export
@Version("1.0.0")
package org.basket.channel.agent;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
