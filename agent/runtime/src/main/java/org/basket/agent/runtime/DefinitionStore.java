package org.basket.agent.runtime;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

import org.basket.api.monitor.ServiceDefinition;
import org.basket.channel.protocol.MalformedFrameException;
import org.basket.channel.protocol.ServiceDefinitions;

/**
 * The last good service definitions from the manager, in the state directory as {@value #FILE_NAME}
 * (the {@code update-definitions} payload format), replaced atomically: written to a temporary file,
 * synced, then renamed over the old copy.
 */
final class DefinitionStore {
    static final String FILE_NAME = "definitions.properties";

    private final Path file;

    DefinitionStore(Path stateDirectory) {
        this.file = stateDirectory.resolve(FILE_NAME);
    }

    Path file() {
        return file;
    }

    /** The saved definitions; none if never saved. */
    List<ServiceDefinition> load() throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            return ServiceDefinitions.decode(Files.readString(file));
        } catch (MalformedFrameException e) {
            throw new IOException("the saved service definitions " + file + " are unreadable: " + e.getMessage(), e);
        }
    }

    void save(List<ServiceDefinition> definitions) throws IOException {
        Files.createDirectories(file.getParent());
        Path next = file.resolveSibling(FILE_NAME + ".new");
        byte[] text = ServiceDefinitions.encode(definitions).getBytes(StandardCharsets.UTF_8);
        try (FileChannel channel = FileChannel.open(next, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            channel.write(ByteBuffer.wrap(text));
            channel.force(true);
        }
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        try (FileChannel directory = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
            directory.force(true);
        } catch (IOException e) {
            // some file systems cannot sync a directory; the rename is still atomic
        }
    }
}
