package org.basket.agent.monitors.http;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** An http service's parameters ({@code param.*} of its resource), besides the control commands. */
@ObjectClassDefinition(name = "http monitor", description = "A service is healthy while its URL answers with an expected status (and body).")
public @interface HttpConfig {
    @AttributeDefinition(name = "url", description = "An http:// or https:// URL with a host.")
    String url();

    @AttributeDefinition(name = "expect.status", description = "The healthy statuses, comma-separated.")
    String expect_status() default "200";

    @AttributeDefinition(name = "body.regex", required = false, description = "A regular expression the body must contain; empty: any body.")
    String body_regex() default "";

    @AttributeDefinition(name = "timeout.ms", description = "How long the request may take before the check fails.")
    int timeout_ms() default 5_000;

    @AttributeDefinition(name = "ca.file", required = false, description = "PEM file of the CA an https server's certificate must chain to; empty: the system's.")
    String ca_file() default "";
}
