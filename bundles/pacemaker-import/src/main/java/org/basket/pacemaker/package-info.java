/**
 * Pacemaker's configuration in Basket's words: a CIB read safely ({@link CibParser}), mapped to Basket's model
 * ({@link CibImport}) with what cannot be mapped named ({@link Unmapped}), written as {@code etc/} files
 * ({@link EtcFiles}) or as a scheduler scenario whose observed state is the CIB's status ({@link ScenarioFile}).
 * A pure library: no OSGi, no I/O beyond what a caller hands it.
 */
@Export
@Version("1.0.0")
package org.basket.pacemaker;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
