package org.basket.core.site;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Properties;
import java.util.SortedMap;
import java.util.TreeMap;

import org.basket.api.coordination.Coordination;
import org.basket.api.coordination.CoordinationException;
import org.basket.api.coordination.Role;
import org.basket.api.coordination.SharedState;

/**
 * Where the grants are kept. With one manager: a journaled fact, a small file replaced atomically and synced before a
 * move is reported done. With several managers on ZooKeeper: keys {@code sites/grant/<group>} of the shared state,
 * written only by the leader with its epoch, so that a manager that lost the lead cannot move a grant (the write
 * fails with {@code StaleEpochException}), and every manager reads the same grant. No grant recorded: the home site
 * holds it.
 */
public final class GrantStore {
    static final String PREFIX = "sites/grant/";
    private final Path file;
    private volatile SharedState shared;
    private volatile Coordination coordination;
    /** The last grants read or written, used when they cannot be read this turn; null before the first read. */
    private Map<String, Grant> known;
    /** Why the grants could not be read last time, or null. */
    private volatile String fault;

    public GrantStore(Path file) {
        this.file = file;
    }

    public void shareThrough(SharedState state, Coordination coordination) {
        this.shared = state;
        this.coordination = coordination;
    }

    /** Whether the grants live in the shared state (several managers) rather than in the local file. */
    public boolean isShared() {
        return shared != null;
    }

    /**
     * Every recorded grant by group; groups without one are held by their home site. Unreadable: the last grants read;
     * never read yet: empty, and {@link #fault()} says why, so that no group is placed on a guess.
     */
    public synchronized Map<String, Grant> read() {
        SharedState state = shared;
        try {
            known = state != null ? readShared(state) : readLocal();
            fault = null;
        } catch (CoordinationException | IllegalStateException e) {
            fault = e.getMessage();
        }
        return known == null ? Map.of() : known;
    }

    /** Why the grants cannot be known (never read successfully), or null when they are. */
    public synchronized String unknownBecause() {
        return known == null ? fault : null;
    }

    /**
     * Records a grant.
     *
     * @throws IllegalStateException when it cannot: this manager does not lead, the shared state refused it, the file
     *                               cannot be written
     */
    public synchronized void write(String group, Grant grant) {
        SharedState state = shared;
        if (state != null) {
            Role role = coordination == null ? null : coordination.role();
            if (role == null || role.kind() != Role.Kind.LEADER) {
                throw new IllegalStateException("this manager does not lead (" + role + "): only the leader moves a grant");
            }
            try {
                state.write(role.epoch(), PREFIX + group, grant.encode().getBytes(StandardCharsets.UTF_8));
                known = readShared(state);
            } catch (CoordinationException e) {
                throw new IllegalStateException("the grant of " + group + " was not moved: " + e.getMessage(), e);
            }
            return;
        }
        Map<String, Grant> next = new TreeMap<>(readLocal());
        next.put(group, grant);
        writeLocal(next);
        known = next;
    }

    private static Map<String, Grant> readShared(SharedState state) throws CoordinationException {
        SortedMap<String, Grant> grants = new TreeMap<>();
        state.readAll(PREFIX).forEach((key, value) ->
                grants.put(key.substring(PREFIX.length()), Grant.decode(new String(value, StandardCharsets.UTF_8))));
        return grants;
    }

    private Map<String, Grant> readLocal() {
        if (!Files.exists(file)) {
            return Map.of();
        }
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(Files.readString(file)));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the site grants " + file + ": " + e.getMessage(), e);
        }
        SortedMap<String, Grant> grants = new TreeMap<>();
        properties.stringPropertyNames().forEach(group -> grants.put(group, Grant.decode(properties.getProperty(group))));
        return grants;
    }

    private void writeLocal(Map<String, Grant> grants) {
        StringBuilder text = new StringBuilder("# which site holds each group's grant; >site: stood down, moving there\n");
        grants.forEach((group, grant) -> text.append(group).append('=').append(grant.encode()).append('\n'));
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path next = file.resolveSibling(file.getFileName() + ".next");
            try (FileChannel channel = FileChannel.open(next, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                channel.write(ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.ISO_8859_1)));
                channel.force(true);
            }
            Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the site grants " + file + ": " + e.getMessage(), e);
        }
    }
}
