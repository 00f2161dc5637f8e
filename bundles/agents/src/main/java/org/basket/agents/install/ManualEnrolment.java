package org.basket.agents.install;

import org.basket.api.monitor.AgentEnrolment;

/** What the install script needs besides the archive: the enrolment (manager address, token) and the CA certificate (PEM). */
public record ManualEnrolment(AgentEnrolment enrolment, String caCertificatePem) {
}
