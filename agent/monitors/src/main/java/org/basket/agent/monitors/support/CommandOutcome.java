package org.basket.agent.monitors.support;

import java.time.Duration;

/** How an external program ended: its exit code (-1 when killed at the timeout) and what it printed. */
public record CommandOutcome(int exitCode, boolean timedOut, Duration took, String stdout, String stderr) {

    /** The first non-blank line of standard output, else of standard error, else "". */
    public String firstLine() {
        String line = firstLine(stdout);
        return line.isEmpty() ? firstLine(stderr) : line;
    }

    /** The first non-blank line of standard error, else of standard output: what explains a failure. */
    public String errorLine() {
        String line = firstLine(stderr);
        return line.isEmpty() ? firstLine(stdout) : line;
    }

    private static String firstLine(String text) {
        return text.lines().map(String::strip).filter(line -> !line.isEmpty()).findFirst().orElse("");
    }
}
