/**
 * One strict reader of configuration for every bundle: keys declared once as an annotation type
 * (the same {@code @ObjectClassDefinition} types that carry the metatype), read by {@link
 * org.basket.api.config.StrictConfig}; problems as one {@link org.basket.api.config.ConfigException}
 * naming source, key, value and reason.
 */
@Export
@Version("1.0.0")
package org.basket.api.config;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
