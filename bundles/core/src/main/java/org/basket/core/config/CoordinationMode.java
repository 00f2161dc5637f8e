package org.basket.core.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Properties;

/**
 * Whether several managers are configured: etc/org.basket.coordination.cfg with a mode other than embedded. The core
 * reads only this, so that it never acts alone in the moments before the coordination bundle runs; the file is the
 * coordination bundle's to read in full.
 */
public final class CoordinationMode {
    public static final String FILE = "org.basket.coordination.cfg";

    private final Path file;
    private FileTime readAt;
    private String ensemble = "";

    public CoordinationMode(Path etc) {
        this.file = etc.resolve(FILE);
    }

    /**
     * The ensemble the managers share ({@code zookeeper.connect}, or why it cannot be told), or empty when this manager
     * is meant to lead alone (no file, or mode embedded).
     */
    public synchronized String ensemble() {
        FileTime modified;
        try {
            modified = Files.getLastModifiedTime(file);
        } catch (NoSuchFileException e) {
            readAt = null;
            return ensemble = "";
        } catch (IOException e) {
            return ensemble = "(" + FILE + " cannot be read: " + e.getMessage() + ")";
        }
        if (!modified.equals(readAt)) {
            ensemble = read();
            readAt = modified;
        }
        return ensemble;
    }

    private String read() {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (IOException | IllegalArgumentException e) {
            return "(" + FILE + " cannot be read: " + e.getMessage() + ")";
        }
        String mode = properties.getProperty("mode", "embedded").trim();
        if (mode.equals("embedded")) {
            return "";
        }
        String connect = properties.getProperty("zookeeper.connect", "").trim();
        return connect.isEmpty() ? "(mode " + mode + " in " + FILE + ", no zookeeper.connect)" : connect;
    }
}
