package org.basket.installer;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and as whom the installer logs in.
 *
 * @param privateKey the private key file; empty to try the user's default {@code ~/.ssh/id_*} keys
 */
public record SshTarget(String user, String host, int port, Optional<Path> privateKey, HostKeyPolicy hostKeyPolicy) {

    public static final int DEFAULT_PORT = 22;

    public SshTarget {
        requireText(user, "user");
        requireText(host, "host");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("SSH port must be between 1 and 65535, not " + port);
        }
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(hostKeyPolicy, "hostKeyPolicy");
    }

    /** Parses {@code user@address} as given to {@code --ssh}. */
    public static SshTarget parse(String userAtAddress, int port, Optional<Path> privateKey, HostKeyPolicy hostKeyPolicy) {
        int at = userAtAddress.lastIndexOf('@');
        if (at <= 0 || at == userAtAddress.length() - 1) {
            throw new IllegalArgumentException("expected user@address, not " + userAtAddress);
        }
        return new SshTarget(userAtAddress.substring(0, at), userAtAddress.substring(at + 1), port, privateKey, hostKeyPolicy);
    }

    /** {@code user@host:port}, for messages. */
    public String describe() {
        return user + "@" + host + ":" + port;
    }

    static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
    }
}
