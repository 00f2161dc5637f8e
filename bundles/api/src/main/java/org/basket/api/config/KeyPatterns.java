package org.basket.api.config;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Keys a declaration allows beyond its methods, one per name, e.g. {@code host\.(.+)\.cpus} for
 * {@code host.node3.cpus}: {@link StrictConfig} does not refuse them; their reader checks their values.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface KeyPatterns {
    /** Regular expressions a whole key must match. */
    String[] value();
}
