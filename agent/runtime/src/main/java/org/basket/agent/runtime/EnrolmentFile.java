package org.basket.agent.runtime;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.basket.api.config.ConfigException;
import org.basket.api.config.KeyProblems;
import org.basket.api.config.StrictConfig;
import org.basket.channel.agent.Enrolment;

/**
 * The enrolment settings the install script writes ({@code enrol.cfg}, mode 0600; keys declared by
 * {@link EnrolConfig}, read strictly): {@code manager=HOST:PORT},
 * {@code token=...}, {@code vm=NAME}, and {@code ca}, the manager's CA certificate (PEM) to pin (default:
 * {@code ca.crt} beside the file). Only the first start needs the token; {@link #forgetToken} removes it.
 */
record EnrolmentFile(Path file, String managerHost, int managerPort, String vm, String token, Path caFile) {

    static final String DEFAULT_CA_FILE = "ca.crt";
    private static final Pattern TOKEN_LINE = Pattern.compile("\\s*token[\\s=:]");

    /** Reads the manager's address ({@link EnrolConfig}); the VM name and the token are required only {@code forEnrolment}. */
    static EnrolmentFile read(Path file, boolean forEnrolment) throws IOException {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(Files.readString(file)));
        } catch (NoSuchFileException e) {
            throw new IOException("the enrolment file " + file + " does not exist (written by basket-agent-install.sh)");
        } catch (IllegalArgumentException e) {
            throw new IOException("the enrolment file " + file + " is not key=value text: " + e.getMessage());
        }
        Map<String, String> raw = new TreeMap<>();
        properties.stringPropertyNames().forEach(key -> raw.put(key, properties.getProperty(key)));
        try {
            KeyProblems problems = new KeyProblems();
            return read(file, StrictConfig.read(EnrolConfig.class, raw, problems), problems, forEnrolment);
        } catch (ConfigException e) {
            throw new IllegalArgumentException(e.describe("the enrolment file " + file));
        }
    }

    private static EnrolmentFile read(Path file, EnrolConfig c, KeyProblems problems, boolean forEnrolment)
            throws ConfigException {
        String manager = c.manager().strip();
        int colon = manager.lastIndexOf(':');
        int port = colon > 0 ? port(manager.substring(colon + 1)) : -1;
        if (port < 1) {
            problems.add("manager", manager, "not HOST:PORT");
        }
        if (forEnrolment && c.vm().isBlank()) {
            problems.add("vm", "missing: needed to enrol");
        }
        if (forEnrolment && c.token().isBlank()) {
            problems.add("token", "missing: needed to enrol");
        }
        problems.throwIfAny();
        return new EnrolmentFile(file, manager.substring(0, colon), port, c.vm().strip(),
                forEnrolment ? c.token().strip() : null, file.resolveSibling(c.ca().strip()));
    }

    Enrolment enrolment(Duration timeout) throws IOException {
        String caPem;
        try {
            caPem = Files.readString(caFile);
        } catch (NoSuchFileException e) {
            throw new IOException("the manager's CA certificate " + caFile + " (key 'ca' of " + file
                    + ") does not exist: copy the manager's ca.crt there");
        }
        return new Enrolment(managerHost, managerPort, vm, token, caPem, timeout);
    }

    /** Rewrites the file without its {@code token} line (still 0600), so the spent secret does not linger. */
    static void forgetToken(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        List<String> kept = lines.stream().filter(line -> !TOKEN_LINE.matcher(line).lookingAt()).collect(Collectors.toList());
        if (kept.size() == lines.size()) {
            return;
        }
        Path next = file.resolveSibling(file.getFileName() + ".new");
        Files.deleteIfExists(next);
        Files.createFile(next, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(next, kept);
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static int port(String text) {
        try {
            int port = Integer.parseInt(text);
            return port <= 65_535 ? port : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public String toString() {
        return "EnrolmentFile[" + file + ": " + vm + " at " + managerHost + ":" + managerPort + "]";
    }
}
