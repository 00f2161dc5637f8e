package org.basket.api.monitor;

/** The outcome of one check of a service. */
public record CheckResult(ServiceHealth health, String message) {
}
