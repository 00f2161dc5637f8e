package org.basket.installer;

/** The steps of an installation or removal, in the order they run. */
public enum InstallStep {
    CONNECT("connect and verify the host key"),
    AUTHENTICATE("authenticate"),
    UPLOAD("upload the agent archive and the install script"),
    RUN_SCRIPT("run the install script"),
    WAIT_READY("wait until the agent reports"),
    UNINSTALL("run the uninstall script");

    private final String description;

    InstallStep(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
