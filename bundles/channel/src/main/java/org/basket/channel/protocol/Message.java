package org.basket.channel.protocol;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/** One frame's content: a type and ordered {@code key=value} fields. Immutable once built. */
public final class Message {
    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9.-]*");

    private final MessageType type;
    private final Map<String, String> fields;

    private Message(MessageType type, Map<String, String> fields) {
        this.type = type;
        this.fields = Collections.unmodifiableMap(fields);
    }

    public static Builder of(MessageType type) {
        return new Builder(type);
    }

    public MessageType type() {
        return type;
    }

    public Map<String, String> fields() {
        return fields;
    }

    /** The field's value, or a {@link MalformedFrameException} naming the missing key. */
    public String require(String key) throws MalformedFrameException {
        String value = fields.get(key);
        if (value == null) {
            throw new MalformedFrameException(type + " without the field '" + key + "'");
        }
        return value;
    }

    public String optional(String key, String fallback) {
        return fields.getOrDefault(key, fallback);
    }

    public long requireLong(String key) throws MalformedFrameException {
        String value = require(key);
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new MalformedFrameException(type + " field '" + key + "' is not a number: " + value);
        }
    }

    public Instant requireInstant(String key) throws MalformedFrameException {
        String value = require(key);
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new MalformedFrameException(type + " field '" + key + "' is not an ISO-8601 instant: " + value);
        }
    }

    static boolean isValidKey(String key) {
        return KEY.matcher(key).matches();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Message m && m.type == type && m.fields.equals(fields);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, fields);
    }

    /** The type and the keys only: values may hold secrets (an enrolment token). */
    @Override
    public String toString() {
        return type + fields.keySet().toString();
    }

    public static final class Builder {
        private final MessageType type;
        private final Map<String, String> fields = new LinkedHashMap<>();

        private Builder(MessageType type) {
            this.type = Objects.requireNonNull(type, "type");
        }

        public Builder with(String key, Object value) {
            if (!isValidKey(key)) {
                throw new IllegalArgumentException("invalid field key '" + key + "'");
            }
            if (value != null) {
                fields.put(key, value.toString());
            }
            return this;
        }

        public Message build() {
            return new Message(type, new LinkedHashMap<>(fields));
        }
    }
}
