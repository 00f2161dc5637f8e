package org.basket.agents.shell;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Where {@code ha:agent-token} writes the CA certificate: a file inside a directory the operator names, never
 * an existing file unless asked, never through a symbolic link.
 */
final class CaFile {
    private final Path target;

    private CaFile(Path target) {
        this.target = target;
    }

    /** @throws IOException naming the path when it leaves {@code dir} or {@code dir} is not a directory */
    static CaFile in(Path dir, String name) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("not a directory: " + dir);
        }
        Path real = dir.toRealPath();
        Path target = real.resolve(name).normalize();
        if (!target.startsWith(real) || target.equals(real)) {
            throw new IOException("'" + name + "' is not a file inside " + real + " (give --dir to write elsewhere)");
        }
        Path parent = target.getParent();
        if (!Files.isDirectory(parent, LinkOption.NOFOLLOW_LINKS) || !parent.toRealPath().equals(parent)) {
            throw new IOException(parent + " is not a directory inside " + real + " (no symbolic links)");
        }
        if (Files.isSymbolicLink(target)) {
            throw new IOException(target + " is a symbolic link: not followed");
        }
        return new CaFile(target);
    }

    Path path() {
        return target;
    }

    /** Refuses an existing file unless {@code replace}; never follows a link. */
    void write(String pem, boolean replace) throws IOException {
        List<OpenOption> options = replace
                ? List.of(StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE,
                        LinkOption.NOFOLLOW_LINKS)
                : List.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        try (OutputStream out = Files.newOutputStream(target, options.toArray(OpenOption[]::new))) {
            out.write(pem.getBytes(StandardCharsets.US_ASCII));
        } catch (FileAlreadyExistsException e) {
            throw new IOException(target + " exists; not overwritten (--force replaces it)", e);
        }
    }
}
