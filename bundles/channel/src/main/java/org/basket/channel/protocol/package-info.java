/**
 * The agent channel's wire format: length-prefixed frames of readable {@code key=value} text, with
 * the typed messages both sides exchange. Described in {@code docs/agent-channel.md}.
 */
@Export
@Version("1.0.0")
package org.basket.channel.protocol;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
