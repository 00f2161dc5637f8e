package org.basket.channel.manager;

/** An enrolment the manager will not complete; the message is safe to send to the agent and to log. */
public class EnrolmentRefusedException extends Exception {
    private static final long serialVersionUID = 1L;

    public EnrolmentRefusedException(String message) {
        super(message);
    }
}
