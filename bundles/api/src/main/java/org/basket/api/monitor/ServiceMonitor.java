package org.basket.api.monitor;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Watches and controls one kind of service inside a guest; registered by in-guest agent bundles
 * with the service property {@value #TYPE_PROPERTY}.
 */
@ConsumerType
public interface ServiceMonitor {

    String TYPE_PROPERTY = "basket.monitor.type";

    String type();

    /** Rejects a definition this monitor cannot run, naming the bad parameter. */
    void validate(ServiceDefinition service) throws IllegalArgumentException;

    CheckResult check(ServiceDefinition service);

    void start(ServiceDefinition service) throws Exception;

    void stop(ServiceDefinition service) throws Exception;

    /** Stops then starts the service; monitors with a native restart override this. */
    default void restart(ServiceDefinition service) throws Exception {
        stop(service);
        start(service);
    }
}
