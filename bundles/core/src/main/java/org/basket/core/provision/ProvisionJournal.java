package org.basket.core.provision;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The provisioning operations in progress, one file per VM in {@code data/basket/provisioning/}, each replaced
 * atomically (written aside, forced to disk, moved over) at every step, deleted when the operation ends.
 */
final class ProvisionJournal {
    private final Path dir;

    ProvisionJournal(Path dir) {
        this.dir = dir;
    }

    boolean has(String name) {
        return Files.exists(file(name));
    }

    void save(ProvisionRecord record) throws IOException {
        Files.createDirectories(dir);
        Path aside = dir.resolve(record.name + ".tmp");
        try (OutputStream out = Files.newOutputStream(aside)) {
            record.write().store(out, "Basket: provisioning of " + record.name + " in progress");
            out.flush();
        }
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(aside,
                java.nio.file.StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(aside, file(record.name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    void remove(String name) throws IOException {
        Files.deleteIfExists(file(name));
    }

    /** Every operation left in progress; a file that does not read is named in {@code unreadable}. */
    List<ProvisionRecord> pending(List<String> unreadable) {
        List<ProvisionRecord> records = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return records;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.op")) {
            for (Path file : files) {
                Properties in = new Properties();
                try (InputStream stream = Files.newInputStream(file)) {
                    in.load(stream);
                    records.add(ProvisionRecord.read(in));
                } catch (IOException | IllegalArgumentException e) {
                    unreadable.add(file + ": " + e.getMessage());
                }
            }
        } catch (IOException e) {
            unreadable.add(dir + ": " + e.getMessage());
        }
        return records;
    }

    private Path file(String name) {
        return dir.resolve(name + ".op");
    }
}
