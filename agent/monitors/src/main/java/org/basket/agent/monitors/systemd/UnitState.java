package org.basket.agent.monitors.systemd;

import org.basket.agent.monitors.support.CommandOutcome;
import org.basket.api.monitor.CheckResult;
import org.basket.api.monitor.ServiceHealth;

/** Maps the state word {@code systemctl is-active} prints to a health. */
final class UnitState {

    private UnitState() {
    }

    static CheckResult toResult(String unit, CommandOutcome outcome) {
        String state = outcome.stdout().strip();
        ServiceHealth health = switch (state) {
            case "active" -> ServiceHealth.OK;
            case "activating", "reloading", "refreshing", "deactivating" -> ServiceHealth.WARNING;
            case "inactive" -> ServiceHealth.NOT_RUNNING;
            case "failed" -> ServiceHealth.FAILED;
            default -> ServiceHealth.UNKNOWN;
        };
        if (health == ServiceHealth.UNKNOWN) {
            return new CheckResult(health, "unit " + unit + ": systemctl is-active exited with "
                    + outcome.exitCode() + " and said '" + state + "': " + outcome.stderr().strip());
        }
        return new CheckResult(health, "unit " + unit + " is " + state);
    }
}
