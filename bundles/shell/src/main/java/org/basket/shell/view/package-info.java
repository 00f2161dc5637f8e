/**
 * Readable rows of the cluster and of the analyses, shared by the {@code ha:} commands' tables and JSON and by the REST
 * API, so that both say the same.
 */
@Export
@Version("1.1.0")
package org.basket.shell.view;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
