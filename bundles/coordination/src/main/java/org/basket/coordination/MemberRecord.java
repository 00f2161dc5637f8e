package org.basket.coordination;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Properties;

import org.basket.api.coordination.Member;
import org.basket.api.coordination.Role;

/** What a manager publishes about itself in its member node: {@code key=value} lines. */
final class MemberRecord {
    private MemberRecord() {
    }

    static byte[] encode(String instance, Role role, long sessionId) {
        String text = "instance=" + instance + "\nrole=" + role.kind() + "\nepoch=" + role.epoch() + "\nsince="
                + role.since() + "\nsession=" + Long.toHexString(sessionId) + "\n";
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static Properties decode(byte[] data) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(new String(data == null ? new byte[0] : data, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return properties;
    }

    static Member member(String id, byte[] data) {
        Properties properties = decode(data);
        Role.Kind kind = Role.Kind.valueOf(properties.getProperty("role", Role.Kind.NOT_SURE.name()));
        return new Member(id, kind == Role.Kind.LEADER || kind == Role.Kind.ELECTED, kind,
                Long.parseLong(properties.getProperty("epoch", "0")),
                Instant.parse(properties.getProperty("since", Instant.EPOCH.toString())),
                properties.getProperty("session", ""));
    }

    static String instance(byte[] data) {
        return decode(data).getProperty("instance", "");
    }
}
