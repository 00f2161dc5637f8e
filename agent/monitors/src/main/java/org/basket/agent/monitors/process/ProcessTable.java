package org.basket.agent.monitors.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** What /proc says about processes: alive (and not a zombie), and which command lines match a pattern. */
final class ProcessTable {

    private static final Path PROC = Path.of("/proc");

    private ProcessTable() {
    }

    static boolean isAlive(long pid) {
        try {
            String stat = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"));
            int afterName = stat.lastIndexOf(')');
            return afterName > 0 && stat.length() > afterName + 2 && stat.charAt(afterName + 2) != 'Z';
        } catch (IOException e) {
            return false;
        }
    }

    /** Like {@code pgrep -f}: processes other than this one whose full command line contains a match. */
    static List<Long> matching(Pattern pattern) throws IOException {
        long self = ProcessHandle.current().pid();
        try (Stream<Path> entries = Files.list(PROC)) {
            return entries.map(path -> path.getFileName().toString())
                    .filter(name -> name.chars().allMatch(Character::isDigit))
                    .map(Long::parseLong)
                    .filter(pid -> pid != self && isAlive(pid))
                    .filter(pid -> pattern.matcher(commandLine(pid)).find())
                    .sorted()
                    .toList();
        }
    }

    private static String commandLine(long pid) {
        try {
            byte[] raw = Files.readAllBytes(PROC.resolve(Long.toString(pid)).resolve("cmdline"));
            return new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').strip();
        } catch (IOException e) {
            return "";
        }
    }
}
