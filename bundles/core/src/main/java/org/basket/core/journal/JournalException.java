package org.basket.core.journal;

import java.nio.file.Path;
import java.util.Objects;

/** The journal cannot be opened, read or written. The message always names the file. */
public final class JournalException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What went wrong; only {@link #CORRUPT} is moved aside by {@link Journal#openOrMoveAside}. */
    public enum Problem {
        /** The file is not a readable journal: damaged, truncated, or some other file. */
        CORRUPT,
        /** Written by a newer Basket or H2 than this one reads. */
        UNSUPPORTED_FORMAT,
        /** Another process (or another journal in this one) has the file open. */
        LOCKED,
        /** The file or its directory cannot be read, created or written (permissions, I/O error). */
        UNREADABLE,
        /** A change could not be made durable; the journal is unusable from then on. */
        WRITE_FAILED,
        /** The journal was closed. */
        CLOSED
    }

    private final transient Path file;
    private final Problem problem;

    JournalException(Path file, Problem problem, String message, Throwable cause) {
        super(message, cause);
        this.file = Objects.requireNonNull(file);
        this.problem = Objects.requireNonNull(problem);
    }

    JournalException(Path file, Problem problem, String message) {
        this(file, problem, message, null);
    }

    /** The journal file concerned. */
    public Path file() {
        return file;
    }

    public Problem problem() {
        return problem;
    }
}
