package org.basket.northbound.prometheus;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The keys of etc/org.basket.prometheus.cfg, declared once: for the metatype service and for {@link PrometheusSettings}. */
@ObjectClassDefinition(name = "Basket Prometheus metrics",
        description = "The HTTP endpoint where Prometheus scrapes Basket's metrics (path /metrics).")
public @interface PrometheusConfig {

    @AttributeDefinition(name = "bind.address", description = "Address the metrics endpoint listens on; 0.0.0.0 for all.")
    String bind_address() default "127.0.0.1";

    @AttributeDefinition(name = "port", description = "TCP port of the metrics endpoint; 0 for any free port (it is logged).")
    int port() default 9851;
}
