package org.basket.channel.agent;

/** Enrolment failed; the message says why (the manager's reason when it refused). */
public class EnrolmentException extends Exception {
    private static final long serialVersionUID = 1L;

    public EnrolmentException(String message) {
        super(message);
    }

    public EnrolmentException(String message, Throwable cause) {
        super(message, cause);
    }
}
