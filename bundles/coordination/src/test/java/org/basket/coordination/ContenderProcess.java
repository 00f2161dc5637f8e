package org.basket.coordination;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A {@link Contender} process and what it printed so far. */
final class ContenderProcess implements AutoCloseable {
    final String id;
    final Process process;
    private final Path output;

    ContenderProcess(String id, Path directory, String connect, String chroot, long sessionMs, long leaseMs)
            throws IOException {
        this.id = id;
        this.output = directory.resolve(id + ".out");
        this.process = Processes.java(output, Contender.class.getName(), id, connect, chroot, Long.toString(sessionMs),
                Long.toString(leaseMs));
    }

    /** One line of its output: the monotonic time, the type (ROLE, TICK) and the words after. */
    record Line(long nanos, String type, List<String> words) {
        static Line parse(String text) {
            String[] parts = text.split(" ");
            return new Line(Long.parseLong(parts[0]), parts[1], List.of(parts).subList(2, parts.length));
        }
    }

    List<Line> lines() {
        try {
            return Files.readAllLines(output).stream().filter(l -> l.matches("\\d+ (ROLE|TICK) .*")).map(Line::parse)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The role it last reported: KIND and EPOCH. */
    Line lastRole() {
        List<Line> roles = lines().stream().filter(l -> l.type().equals("ROLE")).toList();
        return roles.isEmpty() ? new Line(0, "ROLE", List.of("NOT_SURE", "0")) : roles.get(roles.size() - 1);
    }

    boolean isLeader() {
        return lastRole().words().get(0).equals("LEADER");
    }

    long epoch() {
        return Long.parseLong(lastRole().words().get(1));
    }

    /** Its ticks after the monotonic time {@code nanos}. */
    List<Line> ticksAfter(long nanos) {
        return lines().stream().filter(l -> l.type().equals("TICK") && l.nanos() > nanos).toList();
    }

    /** The monotonic time it first reported the role KIND in EPOCH, or -1. */
    long firstRole(String kind, long epoch) {
        return lines().stream().filter(l -> l.type().equals("ROLE") && l.words().equals(List.of(kind, Long.toString(epoch))))
                .mapToLong(Line::nanos).findFirst().orElse(-1);
    }

    /** The monotonic time it first reported the role KIND after {@code nanos}, or -1. */
    long firstRoleAfter(String kind, long nanos) {
        return lines().stream().filter(l -> l.type().equals("ROLE") && l.nanos() > nanos && l.words().get(0).equals(kind))
                .mapToLong(Line::nanos).findFirst().orElse(-1);
    }

    String log() {
        try {
            return Files.readString(output);
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Override
    public void close() {
        Processes.kill(process);
    }
}
