package org.basket.agent.monitors.ocf;

import java.util.Arrays;
import java.util.Optional;
import org.basket.api.monitor.ServiceHealth;

/** The exit codes of the OCF resource agent API, and what each means for a monitor action. */
enum OcfExitCode {
    SUCCESS(0, "success / running", ServiceHealth.OK),
    ERR_GENERIC(1, "generic error", ServiceHealth.FAILED),
    ERR_ARGS(2, "invalid arguments", ServiceHealth.UNKNOWN),
    ERR_UNIMPLEMENTED(3, "action not implemented", ServiceHealth.UNKNOWN),
    ERR_PERM(4, "insufficient permissions", ServiceHealth.UNKNOWN),
    ERR_INSTALLED(5, "software not installed", ServiceHealth.UNKNOWN),
    ERR_CONFIGURED(6, "not configured", ServiceHealth.UNKNOWN),
    NOT_RUNNING(7, "not running", ServiceHealth.NOT_RUNNING),
    RUNNING_PROMOTED(8, "running promoted (master)", ServiceHealth.OK),
    FAILED_PROMOTED(9, "failed promoted (master)", ServiceHealth.FAILED);

    private final int code;
    private final String meaning;
    private final ServiceHealth monitorHealth;

    OcfExitCode(int code, String meaning, ServiceHealth monitorHealth) {
        this.code = code;
        this.meaning = meaning;
        this.monitorHealth = monitorHealth;
    }

    static Optional<OcfExitCode> of(int code) {
        return Arrays.stream(values()).filter(value -> value.code == code).findFirst();
    }

    ServiceHealth monitorHealth() {
        return monitorHealth;
    }

    /** "OCF_NOT_RUNNING (7, not running)" */
    static String describe(int code) {
        return of(code).map(value -> "OCF_" + value.name() + " (" + code + ", " + value.meaning + ")")
                .orElse("exit code " + code + " (not an OCF code)");
    }
}
