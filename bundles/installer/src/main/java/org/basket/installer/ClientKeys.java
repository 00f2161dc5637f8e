package org.basket.installer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Loads the private keys the installer authenticates with (unencrypted keys only: it runs unattended). */
final class ClientKeys {

    private static final Logger LOG = LoggerFactory.getLogger(ClientKeys.class);
    private static final List<String> DEFAULT_KEY_NAMES = List.of("id_ed25519", "id_ecdsa", "id_rsa");

    private ClientKeys() {
    }

    /** The given key, or else every readable default key of the current user. */
    static List<KeyPair> load(Optional<Path> privateKey) throws IOException {
        if (privateKey.isPresent()) {
            try {
                return read(privateKey.get());
            } catch (IOException | GeneralSecurityException | RuntimeException e) {
                throw new IOException("cannot read the private key file " + privateKey.get() + ": " + e.getMessage(), e);
            }
        }
        Path sshDirectory = Path.of(System.getProperty("user.home"), ".ssh");
        List<KeyPair> keys = new ArrayList<>();
        for (String name : DEFAULT_KEY_NAMES) {
            Path file = sshDirectory.resolve(name);
            if (Files.isReadable(file)) {
                try {
                    keys.addAll(read(file));
                } catch (IOException | GeneralSecurityException | RuntimeException e) {
                    LOG.warn("Skipping the private key {}: {}", file, e.getMessage());
                }
            }
        }
        if (keys.isEmpty()) {
            throw new IOException("no private key given and none of " + sshDirectory + "/" + DEFAULT_KEY_NAMES + " could be read");
        }
        return keys;
    }

    private static List<KeyPair> read(Path file) throws IOException, GeneralSecurityException {
        List<KeyPair> keys = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            Iterable<KeyPair> loaded = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName(file.toString()), in, null);
            if (loaded != null) {
                loaded.forEach(keys::add);
            }
        }
        if (keys.isEmpty()) {
            throw new IOException("it holds no private key");
        }
        return keys;
    }
}
