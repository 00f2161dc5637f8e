package org.basket.channel.protocol;

/** What a frame carries; the direction is given for each. */
public enum MessageType {
    /** agent -> manager, enrolment connections only: token, agent name, certificate request. */
    ENROL,
    /** manager -> agent: the issued certificate. */
    ENROLLED,
    /** agent -> manager, first frame of a mutually authenticated session. */
    HELLO,
    /** manager -> agent: the session is accepted. */
    WELCOME,
    /** manager -> agent: the request or the session is refused, with a reason; the connection closes. */
    REFUSED,
    /** agent -> manager: sequence number and the agent's time. */
    HEARTBEAT,
    /** manager -> agent: the heartbeat of that sequence number arrived. */
    HEARTBEAT_ACK,
    /** agent -> manager: the outcome of one check of a service. */
    MONITOR_RESULT,
    /** agent -> manager: a service changed state. */
    STATE_CHANGE,
    /** manager -> agent: do something; answered by exactly one {@link #ACK}. */
    COMMAND,
    /** agent -> manager: the result of the command with that id. */
    ACK,
    /** agent -> manager, once per session, within the last third of its certificate's life: a request for a new key. */
    RENEW,
    /** manager -> agent: the renewed certificate, or why not ({@code error}). */
    RENEWED
}
