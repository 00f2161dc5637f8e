package org.basket.installer;

import java.nio.file.Path;
import java.util.Objects;

/** How the installer decides whether the SSH server's host key is the guest's real key. */
public sealed interface HostKeyPolicy {

    /** The host key must be listed for the host (and port) in this OpenSSH known_hosts file. */
    record KnownHosts(Path file) implements HostKeyPolicy {
        public KnownHosts {
            Objects.requireNonNull(file, "file");
        }
    }

    /** The host key must have this SHA-256 fingerprint, written as {@code ssh-keygen -l} prints it. */
    record PinnedFingerprint(String fingerprint) implements HostKeyPolicy {
        public PinnedFingerprint {
            Objects.requireNonNull(fingerprint, "fingerprint");
            if (!fingerprint.startsWith("SHA256:") || fingerprint.length() <= "SHA256:".length()) {
                throw new IllegalArgumentException("a pinned host key fingerprint looks like SHA256:<base64>, not " + fingerprint);
            }
            fingerprint = stripPadding(fingerprint);
        }

        private static String stripPadding(String fingerprint) {
            int end = fingerprint.length();
            while (fingerprint.charAt(end - 1) == '=') {
                end--;
            }
            return fingerprint.substring(0, end);
        }
    }

    static HostKeyPolicy knownHosts(Path file) {
        return new KnownHosts(file);
    }

    /** The current user's {@code ~/.ssh/known_hosts}. */
    static HostKeyPolicy userKnownHosts() {
        return new KnownHosts(Path.of(System.getProperty("user.home"), ".ssh", "known_hosts"));
    }

    static HostKeyPolicy pinned(String sha256Fingerprint) {
        return new PinnedFingerprint(sha256Fingerprint);
    }
}
