package org.basket.channel.protocol;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Frames: a 4-byte big-endian length, then that many bytes of UTF-8 text. The text's first line is
 * {@code basket-channel/1 TYPE}, each further line {@code key=value} with {@code \\}, {@code \n} and
 * {@code \r} escaped in values.
 */
public final class FrameCodec {
    public static final int VERSION = 1;
    public static final String MAGIC = "basket-channel/";
    public static final int DEFAULT_MAX_FRAME_BYTES = 1 << 20;
    private static final int READ_CHUNK = 8 * 1024;

    private final int maxFrameBytes;

    public FrameCodec(int maxFrameBytes) {
        if (maxFrameBytes < 64) {
            throw new IllegalArgumentException("maxFrameBytes must be at least 64");
        }
        this.maxFrameBytes = maxFrameBytes;
    }

    public FrameCodec() {
        this(DEFAULT_MAX_FRAME_BYTES);
    }

    public byte[] encode(Message message) {
        StringBuilder text = new StringBuilder(64).append(MAGIC).append(VERSION).append(' ').append(message.type());
        message.fields().forEach((key, value) -> text.append('\n').append(key).append('=').append(escape(value)));
        byte[] payload = text.toString().getBytes(StandardCharsets.UTF_8);
        if (payload.length > maxFrameBytes) {
            throw new IllegalArgumentException(message.type() + " of " + payload.length
                    + " bytes exceeds the frame limit of " + maxFrameBytes);
        }
        return ByteBuffer.allocate(4 + payload.length).putInt(payload.length).put(payload).array();
    }

    public void write(OutputStream out, Message message) throws IOException {
        out.write(encode(message));
        out.flush();
    }

    /** The next message, or {@link EOFException} if the stream ends cleanly between frames. */
    public Message read(InputStream in) throws IOException {
        return read(in, maxFrameBytes);
    }

    /**
     * As {@link #read(InputStream)} with a lower limit for this frame. The length is checked before
     * anything is allocated, and the payload is kept as it arrives: a peer that announces a large frame
     * and sends it slowly holds only what it sent.
     */
    public Message read(InputStream in, int limit) throws IOException {
        DataInputStream data = new DataInputStream(in);
        int length = data.readInt();
        int max = Math.min(limit, maxFrameBytes);
        if (length <= 0 || length > max) {
            throw new MalformedFrameException("frame length " + Integer.toUnsignedString(length) + " outside 1.." + max);
        }
        byte[] payload = new byte[Math.min(length, READ_CHUNK)];
        int read = 0;
        while (read < length) {
            if (read == payload.length) {
                payload = Arrays.copyOf(payload, Math.min(length, payload.length * 2));
            }
            int n = in.read(payload, read, payload.length - read);
            if (n < 0) {
                throw new EOFException("frame ended after " + read + " of " + length + " bytes");
            }
            read += n;
        }
        return decode(payload);
    }

    public Message decode(byte[] payload) throws MalformedFrameException {
        String text = utf8(payload);
        String[] lines = text.split("\n", -1);
        Message.Builder builder = Message.of(parseHeader(lines[0]));
        Set<String> seen = new HashSet<>();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            int equals = line.indexOf('=');
            if (equals <= 0) {
                throw new MalformedFrameException("line " + (i + 1) + " is not key=value");
            }
            String key = line.substring(0, equals);
            if (!Message.isValidKey(key)) {
                throw new MalformedFrameException("line " + (i + 1) + " has an invalid key");
            }
            if (!seen.add(key)) {
                throw new MalformedFrameException("duplicate key '" + key + "'");
            }
            builder.with(key, unescape(line.substring(equals + 1), key));
        }
        return builder.build();
    }

    private static MessageType parseHeader(String header) throws MalformedFrameException {
        if (!header.startsWith(MAGIC)) {
            throw new MalformedFrameException("not a basket-channel frame (header must start with '" + MAGIC + "')");
        }
        int space = header.indexOf(' ');
        if (space < 0) {
            throw new MalformedFrameException("header without a message type");
        }
        String version = header.substring(MAGIC.length(), space);
        if (!version.equals(Integer.toString(VERSION))) {
            throw new MalformedFrameException("unsupported protocol version '" + version + "' (this side speaks " + VERSION + ")");
        }
        String type = header.substring(space + 1);
        try {
            return MessageType.valueOf(type);
        } catch (IllegalArgumentException e) {
            throw new MalformedFrameException("unknown message type '" + type + "'");
        }
    }

    private static String utf8(byte[] payload) throws MalformedFrameException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(payload)).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedFrameException("frame is not valid UTF-8");
        }
    }

    static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    static String unescape(String value, String key) throws MalformedFrameException {
        if (value.indexOf('\\') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r') {
                throw new MalformedFrameException("raw carriage return in the value of '" + key + "'");
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (++i == value.length()) {
                throw new MalformedFrameException("dangling escape in the value of '" + key + "'");
            }
            switch (value.charAt(i)) {
                case '\\' -> out.append('\\');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                default -> throw new MalformedFrameException("unknown escape '\\" + value.charAt(i) + "' in the value of '" + key + "'");
            }
        }
        return out.toString();
    }
}
