package org.basket.api.cluster;

/** What an event of the cluster is about: the stable contract for listeners and northbound layers. */
public enum EventKind {
    HOST_SUSPECT,
    HOST_DEAD,
    HOST_FENCED,
    FENCE_FAILED,
    HOST_BACK,
    HOST_OPERATOR,
    /** A condition a driver reports of a host began or ended ({@code HostStatus.conditions()}). */
    HOST_CONDITION,
    RESOURCE_FAILED,
    /** A resource left a host for another without Basket (moved by the hypervisor's manager or a person): followed. */
    RESOURCE_MOVED,
    ACTION_DONE,
    ACTION_FAILED,
    ACTION_TIMED_OUT,
    ACTION_NOT_READY,
    /** A transition begins: what it executes; its duration, where given, is how long the scheduler took to plan it. */
    TRANSITION_STARTED,
    TRANSITION_ABANDONED,
    TRANSITION_INCOMPLETE,
    PLAN_NOTE,
    CONFIG_REJECTED,
    CONFIG_RESOLVED,
    DRIVER,
    AGENT,
    JOURNAL,
    ALERT,
    /** This manager's standing changed: it leads, follows, or is not sure it may act (with several managers). */
    MANAGER_ROLE,
    OTHER
}
