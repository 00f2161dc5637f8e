package org.basket.installer;

import java.util.Arrays;
import java.util.List;

/** What a command run over SSH printed and how it exited. */
record RemoteResult(int exitStatus, String stdout, String stderr) {

    private static final int TAIL_LINES = 10;

    boolean succeeded() {
        return exitStatus == 0;
    }

    /** The last lines of stderr (or of stdout when stderr is empty), for error messages. */
    String tail() {
        String output = stderr.isBlank() ? stdout : stderr;
        List<String> lines = Arrays.stream(output.split("\n")).filter(line -> !line.isBlank()).toList();
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
    }
}
