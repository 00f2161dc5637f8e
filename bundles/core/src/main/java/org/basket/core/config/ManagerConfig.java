package org.basket.core.config;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Basket manager",
        description = "Timing of Basket's control loop and how it plans: etc/org.basket.manager.cfg.")
public @interface ManagerConfig {
    @AttributeDefinition(name = "Observe interval (ms)", description = "How often the loop observes: every host whose driver does not report changes is asked for its domains, besides driver events.")
    long observe_interval_ms() default 1000;

    @AttributeDefinition(name = "Reconcile interval (ms)", description = "A host whose driver reports every change as an event is asked for its domains after news about it and, to reconcile, once in this interval (each host at a moment of its own within it); 0: at every observation, like any other host.")
    long reconcile_interval_ms() default 60000;

    @AttributeDefinition(name = "Observation sharing", description = "With several managers on ZooKeeper: whether the hosts' reconciles are shared out among the followers (each polls the hosts it holds and tells the leader where they differ from the leader's view) or the leader reconciles every host itself and the followers poll nothing for it.")
    boolean observation_sharing() default true;

    @AttributeDefinition(name = "Host dead timeout (ms)", description = "How long a host may stay out of contact (suspect) before the second check decides whether it is declared unclean and fenced.")
    long host_dead_timeout_ms() default 2000;

    @AttributeDefinition(name = "Confirm timeout (ms)", description = "How long the second check of a silent host waits for its fence devices' power status.")
    long confirm_timeout_ms() default 5000;

    @AttributeDefinition(name = "Poll timeout (ms)", description = "How long Basket waits for a host to answer a poll; a host that does not answer in time is suspect.")
    long poll_timeout_ms() default 5000;

    @AttributeDefinition(name = "Poll threads", description = "How many hosts are polled at once; read at start.")
    int poll_threads() default 16;

    @AttributeDefinition(name = "Settle time (ms)", description = "Quiet time after a configuration change before Basket plans, so that a batch of files lands together.")
    long settle_ms() default 1000;

    @AttributeDefinition(name = "Start timeout (ms)")
    long start_timeout_ms() default 60000;

    @AttributeDefinition(name = "Stop timeout (ms)", description = "Graceful shutdown time before a VM is forced off, plus the force itself.")
    long stop_timeout_ms() default 60000;

    @AttributeDefinition(name = "Migrate timeout (ms)")
    long migrate_timeout_ms() default 300000;

    @AttributeDefinition(name = "Fence timeout (ms)")
    long fence_timeout_ms() default 60000;

    @AttributeDefinition(name = "Journal", description = "The crash-safe journal of fail counts, fencing and operation history, flags and the transition in flight; read at start. Default: data/basket/journal.mv under Karaf's data directory.")
    String journal_path() default "";

    @AttributeDefinition(name = "Actions per host", description = "How many actions may run at once on one host (a live migration counts on both hosts); fencing is never held back.")
    int actions_per_host() default 4;

    @AttributeDefinition(name = "Fence back-off (ms)", description = "After every fencing level of a host failed, the wait before the next attempt; it doubles with each failure.")
    long fence_backoff_ms() default 2000;

    @AttributeDefinition(name = "Fence back-off limit (ms)", description = "The longest wait between two fencing attempts of one host.")
    long fence_backoff_max_ms() default 60000;

    @AttributeDefinition(name = "Stop failure", description = "What a failed or timed-out stop of a VM does where a fence device exists for its host: fence (the host is fenced, then the VM and everything else of the host is recovered elsewhere, as Pacemaker's on-fail=fence) or block (the VM is left blocked there until ha:cleanup). Without a fence device the VM is always blocked; a host or resource in maintenance is never fenced for it.")
    String stop_failure() default "fence";

    @AttributeDefinition(name = "Agent silence action", description = "What Basket does when the in-guest agent of a running VM with guest services stays silent beyond its grace: alert (tell the operator, touch nothing) or reset (restart the VM through its hypervisor, within the reset budget).")
    String agent_silence_action() default "alert";

    @AttributeDefinition(name = "Agent silence grace (ms)", description = "How long a VM's agent may stay silent after it was last heard.")
    long agent_silence_grace_ms() default 30000;

    @AttributeDefinition(name = "Agent boot grace (ms)", description = "After its VM starts, how long its agent has to be heard first.")
    long agent_boot_grace_ms() default 300000;

    @AttributeDefinition(name = "Agent silence resets", description = "At most this many VM resets for silent agents, over all VMs, within the reset window; beyond, alerts only.")
    int agent_silence_max_resets() default 3;

    @AttributeDefinition(name = "Agent silence reset window (ms)")
    long agent_silence_reset_window_ms() default 3600000;

    @AttributeDefinition(name = "Placement strategy", description = "Which of the hosts that score the same takes a resource: balanced (the fewest resources), minimal (the most resources that still has room: pack onto few hosts), first-fit (the first by name with room).")
    String placement_strategy() default "balanced";

    @AttributeDefinition(name = "Resource stickiness", description = "Score a running resource gets on the host it runs on, so that it stays put rather than moving to a host that scores a little better; 0 to INFINITY (1000000: never moves for a better score).")
    int resource_stickiness() default org.basket.scheduler.Scheduler.DEFAULT_STICKINESS;

    @AttributeDefinition(name = "Migrations per host", description = "Live migrations one transition may start from or to one host; the rest wait for the next transition; migrations of earlier transitions still running after their timeout count too. 0: no limit.")
    int migration_limit_host() default 2;

    @AttributeDefinition(name = "Migrations in the cluster", description = "Live migrations one transition may start in the whole cluster; the rest wait for the next transition. 0: no limit.")
    int migration_limit_cluster() default 8;

    @AttributeDefinition(name = "Parallel actions", description = "How many actions run at once across the cluster; read at start.")
    int parallel_actions() default 8;
}
