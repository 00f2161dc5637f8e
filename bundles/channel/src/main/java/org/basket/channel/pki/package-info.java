/**
 * The manager's small certificate authority and what both sides need to speak mutual TLS 1.3 with
 * it: PEM files, key pairs, certificate requests, revocation and {@code SSLContext}s pinned to the CA.
 */
@Export
@Version("1.0.0")
package org.basket.channel.pki;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
