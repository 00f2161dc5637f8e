package org.basket.core.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.basket.api.config.ConfigException;

/**
 * The definition files in {@code etc/} (drivers, hosts, resources, constraints, fence devices), read directly
 * so that what is in force always equals the folder: at start, after files were added or deleted while
 * Basket was stopped, and whatever the number of files that change at once. The folder is watched, and
 * scanned in full every {@link #RESCAN_MILLIS} in case a change notice was lost. A file that cannot be read,
 * is larger than {@link #MAX_FILE_BYTES}, sets a key twice or sets none is refused; its last good version
 * stays in force. A value {@code $[secret:NAME]} is the content of {@code secrets/NAME} ({@link Secrets}).
 */
public final class ConfigFolder implements AutoCloseable {
    static final Pattern FILE = Pattern.compile("(org\\.basket\\.(?:driver|host|resource|constraint|fence))-.+\\.cfg");
    static final long MAX_FILE_BYTES = 64 * 1024;
    static final long RESCAN_MILLIS = 2000;
    private static final String FILENAME = "felix.fileinstall.filename";

    private record Seen(long modified, long size, Object key, String secrets) {
    }

    private final Path dir;
    private final ConfigStore store;
    private final Runnable changed;
    private final Map<Path, Seen> seen = new HashMap<>();
    /** The secret files each definition file refers to, from its last reading. */
    private final Map<Path, List<Path>> secretFiles = new HashMap<>();
    private final Secrets secrets;
    private volatile WatchService watch;
    private volatile boolean open;
    private Thread thread;

    /** @param changed told after a scan that changed something, from the folder's own thread */
    public ConfigFolder(Path dir, ConfigStore store, Runnable changed) {
        this.dir = dir;
        this.store = store;
        this.changed = changed;
        this.secrets = new Secrets(dir.resolve("secrets"));
    }

    /** Reads the folder once, then watches it on a thread of its own. */
    public void open() {
        scan();
        try {
            watch = dir.getFileSystem().newWatchService();
            dir.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE,
                    StandardWatchEventKinds.ENTRY_MODIFY);
        } catch (IOException e) {
            watch = null; // the periodic scans still see every change
        }
        open = true;
        thread = new Thread(this::run, "basket-config-folder");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() {
        open = false;
        try {
            if (watch != null) {
                watch.close();
            }
        } catch (IOException ignored) {
            // closing
        }
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void run() {
        while (open) {
            try {
                if (watch == null) {
                    Thread.sleep(RESCAN_MILLIS);
                } else {
                    var key = watch.poll(RESCAN_MILLIS, TimeUnit.MILLISECONDS);
                    if (key != null) {
                        key.pollEvents();
                        key.reset();
                    }
                }
                if (scan()) {
                    changed.run();
                }
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            } catch (RuntimeException e) {
                store.refuse(dir.toString(), dir.toString(), "", "the folder could not be read: " + e);
            }
        }
    }

    /**
     * Brings the store in line with the folder.
     *
     * @return whether anything changed
     */
    public synchronized boolean scan() {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> listing = Files.newDirectoryStream(dir, "org.basket.*.cfg")) {
            listing.forEach(files::add);
        } catch (IOException e) {
            return store.refuse(dir.toString(), dir.toString(), "", "the folder could not be listed: " + e.getMessage()
                    + " (what was read before stays in force)");
        }
        files.sort(null);
        boolean any = store.clearRefusal(dir.toString());
        Set<Path> present = new HashSet<>();
        for (Path file : files) {
            Matcher matcher = FILE.matcher(file.getFileName().toString());
            if (!matcher.matches()) {
                continue;
            }
            present.add(file);
            Seen now = seen(file, secretFiles.getOrDefault(file, List.of()));
            if (!Objects.equals(now, seen.get(file))) {
                seen.put(file, now);
                any |= read(file, matcher.group(1), now);
            }
        }
        for (Path gone : List.copyOf(seen.keySet())) {
            if (!present.contains(gone)) {
                seen.remove(gone);
                secretFiles.remove(gone);
                store.delete(pid(gone));
                any = true;
            }
        }
        return any;
    }

    private static Seen seen(Path file, List<Path> secretFiles) {
        String secrets = Secrets.stamp(secretFiles);
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return new Seen(attributes.lastModifiedTime().toMillis(), attributes.size(), attributes.fileKey(), secrets);
        } catch (IOException e) {
            return new Seen(-1, -1, e.getMessage(), secrets);
        }
    }

    /** @return whether this is news */
    private boolean read(Path file, String factoryPid, Seen seen) {
        String pid = pid(file);
        String source = file.getFileName().toString();
        if (seen.size() > MAX_FILE_BYTES) {
            return store.refuse(pid, source, "", "the file has " + seen.size() + " bytes; a definition may have at most "
                    + MAX_FILE_BYTES);
        }
        StrictProperties properties = new StrictProperties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException | IllegalArgumentException e) {
            this.seen.remove(file); // tried again on the next scan: a permission fixed changes no modification time
            return store.refuse(pid, source, "", "the file could not be read: " + e.getMessage());
        }
        if (!properties.duplicates.isEmpty()) {
            return store.refuse(pid, source, properties.duplicates.get(0), "set more than once: "
                    + String.join(", ", properties.duplicates) + " (which one is meant?)");
        }
        if (properties.isEmpty()) {
            return store.refuse(pid, source, "", "the file defines nothing: it has no keys");
        }
        Map<String, Object> raw = new HashMap<>();
        List<Path> used = new ArrayList<>();
        try {
            for (String key : properties.stringPropertyNames()) {
                raw.put(key, secrets.resolve(key, properties.getProperty(key).trim(), used));
            }
        } catch (ConfigException e) {
            return store.refuse(pid, source, e.key(), e.getMessage());
        } finally {
            secretFiles.put(file, used);
            this.seen.put(file, new Seen(seen.modified(), seen.size(), seen.key(), Secrets.stamp(used)));
        }
        raw.put(FILENAME, file.toUri().toString());
        store.update(factoryPid, pid, raw);
        return true;
    }

    private static String pid(Path file) {
        return "file:" + file.getFileName();
    }

    /** Properties that remember the keys a file sets more than once instead of keeping the last silently. */
    private static final class StrictProperties extends Properties {
        private static final long serialVersionUID = 1L;
        final transient List<String> duplicates = new ArrayList<>();

        @Override
        public synchronized Object put(Object key, Object value) {
            Object previous = super.put(key, value);
            if (previous != null && !duplicates.contains(key)) {
                duplicates.add((String) key);
            }
            return previous;
        }
    }
}
