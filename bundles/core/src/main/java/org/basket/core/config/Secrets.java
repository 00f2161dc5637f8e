package org.basket.core.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.basket.api.config.ConfigException;

/**
 * Values written {@code $[secret:NAME]} (the syntax of Felix's interpolation plugin) instead of a password:
 * the content of the file {@code NAME} in the secrets folder, which only its owner may read. The
 * definition files then hold no secret, and a secret changed in its file is taken at the next scan.
 */
final class Secrets {
    static final Pattern REFERENCE = Pattern.compile("\\$\\[secret:([^\\]]*)]");
    private static final long MAX_BYTES = 64 * 1024;
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private final Path dir;

    Secrets(Path dir) {
        this.dir = dir;
    }

    /**
     * The value, or the secret it refers to.
     *
     * @param used where the secret files read are added
     * @throws ConfigException naming the key when the secret cannot be had
     */
    String resolve(String key, String value, Collection<Path> used) throws ConfigException {
        Matcher reference = REFERENCE.matcher(value);
        if (!reference.matches()) {
            return value;
        }
        String name = reference.group(1);
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new ConfigException(key, "'" + name + "' is not a secret's name (letters, digits, '.', '_', '-')");
        }
        Path file = dir.resolve(name);
        used.add(file);
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new ConfigException(key, "secret '" + name + "': no file " + file);
            }
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
            if (permissions.stream().anyMatch(OTHERS::contains)) {
                throw new ConfigException(key, "secret file " + file + " may be read by others ("
                        + PosixFilePermissions.toString(permissions) + "): chmod 600 it");
            }
            if (Files.size(file) > MAX_BYTES) {
                throw new ConfigException(key, "secret file " + file + " is larger than " + MAX_BYTES + " bytes");
            }
            String secret = Files.readString(file).strip();
            if (secret.isEmpty()) {
                throw new ConfigException(key, "secret file " + file + " is empty");
            }
            return secret;
        } catch (IOException | UnsupportedOperationException e) {
            throw new ConfigException(key, "secret file " + file + " cannot be read: " + e.getMessage());
        }
    }

    /** What changes when one of the files changes: their times, sizes and permissions. */
    static String stamp(Collection<Path> files) {
        StringBuilder stamp = new StringBuilder();
        for (Path file : files) {
            try {
                stamp.append(Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toMillis()).append('/')
                        .append(Files.size(file)).append('/')
                        .append(PosixFilePermissions.toString(Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS)));
            } catch (IOException | UnsupportedOperationException e) {
                stamp.append('-');
            }
            stamp.append(';');
        }
        return stamp.toString();
    }
}
