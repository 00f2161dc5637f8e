package org.basket.installer;

/** An installation or removal failed: names the host, the step and the reason. */
public class InstallException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String host;
    private final InstallStep step;
    private final String reason;

    public InstallException(String host, InstallStep step, String reason) {
        this(host, step, reason, null);
    }

    public InstallException(String host, InstallStep step, String reason, Throwable cause) {
        super(host + ": could not " + step.description() + ": " + reason, cause);
        this.host = host;
        this.step = step;
        this.reason = reason;
    }

    public String host() {
        return host;
    }

    public InstallStep step() {
        return step;
    }

    /** The reason alone, without host and step. */
    public String reason() {
        return reason;
    }
}
