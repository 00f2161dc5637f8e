package org.basket.core.journal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The versioned encoding of every record as a string of {@link Fields}, the first field being the
 * record's encoding version. Times are ISO-8601 ({@link Instant#toString()}, {@link Duration#toString()}),
 * enums by name. A record of a version this code does not know is reported as {@link Unsupported};
 * anything else that does not parse throws {@link IllegalArgumentException} (or a subclass).
 */
final class Codec {
    static final String V1 = "1";

    /** A record written by a newer encoding. */
    static final class Unsupported extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unsupported(String version) {
            super("record encoding version " + version + " (this Basket reads version " + V1 + ")");
        }
    }

    private Codec() {
    }

    static String failureKey(String resource, String host) {
        return Fields.join(resource, host);
    }

    /** Every failure key of the resource starts with this, and no other key does. */
    static String failurePrefix(String resource) {
        return Fields.join(resource) + Fields.SEPARATOR;
    }

    static String encodeFailure(FailureRecord r) {
        return Fields.join(V1, Integer.toString(r.count()), r.lastFailure().toString());
    }

    static FailureRecord decodeFailure(String key, String value) {
        List<String> k = fields(key, 2, false);
        List<String> v = fields(value, 3, true);
        return new FailureRecord(k.get(0), k.get(1), Integer.parseInt(v.get(1)), Instant.parse(v.get(2)));
    }

    static String encodeFence(FenceRecord r) {
        return Fields.join(V1, r.host(), r.device(), r.outcome().name(), r.time().toString(), r.detail());
    }

    static FenceRecord decodeFence(String value) {
        List<String> v = fields(value, 6, true);
        return new FenceRecord(v.get(1), v.get(2), Outcome.valueOf(v.get(3)), Instant.parse(v.get(4)), v.get(5));
    }

    static String encodeOperation(OperationRecord r) {
        return Fields.join(V1, r.action(), r.host(), r.started().toString(), r.duration().toString(),
                r.result().name(), r.message());
    }

    static OperationRecord decodeOperation(String value) {
        List<String> v = fields(value, 7, true);
        return new OperationRecord(v.get(1), v.get(2), Instant.parse(v.get(3)), Duration.parse(v.get(4)),
                Outcome.valueOf(v.get(5)), v.get(6));
    }

    static String flagKey(Flag flag) {
        return Fields.join(flag.scope().name(), flag.target(), flag.kind().name());
    }

    static Flag decodeFlag(String key, String value) {
        List<String> k = fields(key, 3, false);
        fields(value, 1, true);
        return new Flag(Flag.Kind.valueOf(k.get(2)), Flag.Scope.valueOf(k.get(0)), k.get(1));
    }

    /** A transition: id, start and actions; which completed is kept under separate keys. */
    static String encodeTransition(long id, Instant started, List<String> actions) {
        List<String> fields = new ArrayList<>(List.of(V1, Long.toString(id), started.toString()));
        fields.addAll(actions);
        return Fields.join(fields);
    }

    static TransitionHead decodeTransition(String value) {
        List<String> v = fields(value, -3, true);
        return new TransitionHead(Long.parseLong(v.get(1)), Instant.parse(v.get(2)), v.subList(3, v.size()));
    }

    record TransitionHead(long id, Instant started, List<String> actions) {
        TransitionHead {
            actions = List.copyOf(actions);
        }
    }

    static String encodeCompletion(boolean ok) {
        return Fields.join(V1, ok ? "ok" : "failed");
    }

    static boolean decodeCompletion(String value) {
        String outcome = fields(value, 2, true).get(1);
        if (!outcome.equals("ok") && !outcome.equals("failed")) {
            throw new IllegalArgumentException("completion must be ok or failed: " + outcome);
        }
        return outcome.equals("ok");
    }

    /**
     * Splits and checks the field count (a negative count: at least that many) and, for a value,
     * the version.
     */
    static List<String> fields(String text, int count, boolean versioned) {
        List<String> fields = Fields.split(text);
        if (versioned && !fields.get(0).equals(V1)) {
            if (fields.get(0).matches("[0-9]+")) {
                throw new Unsupported(fields.get(0));
            }
            throw new IllegalArgumentException("no encoding version: '" + text + "'");
        }
        if (count >= 0 ? fields.size() != count : fields.size() < -count) {
            throw new IllegalArgumentException("expected " + (count >= 0 ? "" : "at least ") + Math.abs(count)
                    + " fields, found " + fields.size() + ": '" + text + "'");
        }
        return fields;
    }
}
