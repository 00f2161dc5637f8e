package org.basket.core;

import org.junit.jupiter.api.Test;

/**
 * Random schedules of host crashes, VM crashes, manager-host partitions, failing and hanging
 * operations, failing fencing, manager crash and restart (also in the middle of a transition), operator
 * and configuration changes (also in the middle of a transition), run
 * against the simulated hypervisor on a virtual clock, each manager with its crash-safe journal. After every step no VM may be active on two
 * hosts (the simulator records every instant); after the faults stop every resource runs within
 * {@value FaultSchedule#RECOVERY_CYCLES} observe intervals. {@code -Dfaults.schedules=N} sets the
 * count, {@code -Dfaults.seed=S} the first seed: a failure prints the seed that replays it.
 */
class FaultInjectionSuiteTest {
    private static final int SCHEDULES = Integer.getInteger("faults.schedules", 1000);
    private static final long FIRST_SEED = Long.getLong("faults.seed", 1);

    @Test
    void randomFaultSchedulesKeepTheInvariants() throws Exception {
        for (long seed = FIRST_SEED; seed < FIRST_SEED + SCHEDULES; seed++) {
            new FaultSchedule(seed).run();
        }
        System.out.println(SCHEDULES + " schedules from seed " + FIRST_SEED + ", faults injected:");
        FaultSchedule.INJECTED.forEach((kind, count) -> System.out.printf("  %6d  %s%n", count, kind));
    }
}
