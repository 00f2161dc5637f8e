package org.basket.installer;

/** Hears about each step as it starts and as it finishes; a shell command prints these lines. */
public interface InstallProgressListener {

    InstallProgressListener NONE = new InstallProgressListener() {
        @Override
        public void started(InstallStep step, String detail) {
        }

        @Override
        public void finished(InstallStep step, String detail) {
        }
    };

    void started(InstallStep step, String detail);

    void finished(InstallStep step, String detail);
}
