/**
 * The base of every {@code ha:} command: {@link org.basket.shell.support.HaCommand} (console, trailing flags, one-line
 * errors) and {@link org.basket.shell.support.JsonCommand} ({@code -j/--json} and tables).
 */
@Export
@Version("1.0.0")
package org.basket.shell.support;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
