package org.basket.channel.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.basket.api.monitor.ServiceHealth;
import org.junit.jupiter.api.Test;

class FrameCodecTest {
    private final FrameCodec codec = new FrameCodec(1024);

    @Test
    void encodesReadableTextBehindALengthPrefix() {
        byte[] frame = codec.encode(new Heartbeat(7, Instant.parse("2026-11-25T17:00:00Z")).toMessage());
        String text = new String(frame, 4, frame.length - 4, StandardCharsets.UTF_8);
        assertEquals("basket-channel/1 HEARTBEAT\nseq=7\nagent-time=2026-11-25T17:00:00Z", text);
        assertEquals(text.getBytes(StandardCharsets.UTF_8).length, ByteBuffer.wrap(frame).getInt());
    }

    @Test
    void valuesWithNewlinesBackslashesAndEqualsSurviveTheRoundTrip() throws IOException {
        Message message = Message.of(MessageType.ACK).with("id", 3).with("ok", true)
                .with("detail", "line 1\nline 2\r\\path\\n a=b ü").build();
        assertEquals(message, roundTrip(message));
    }

    @Test
    void typedMessagesRoundTrip() throws IOException {
        Instant at = Instant.parse("2026-11-25T17:00:00.123Z");
        MonitorResult result = new MonitorResult("web", ServiceHealth.FAILED, "HTTP 503", at);
        StateChange change = new StateChange("db", ServiceHealth.OK, ServiceHealth.NOT_RUNNING, "exit 1", at);
        Command definitions = Command.updateDefinitions("web.type=http\nweb.url=http://localhost/");
        assertEquals(result, MonitorResult.from(roundTrip(result.toMessage())));
        assertEquals(change, StateChange.from(roundTrip(change.toMessage())));
        assertEquals(definitions, Command.from(roundTrip(definitions.toMessage(9))));
        assertEquals(Command.of(CommandVerb.CHECK_NOW, "web"), Command.from(roundTrip(Command.of(CommandVerb.CHECK_NOW, "web").toMessage(1))));
        assertEquals(CommandResult.failed("no such unit"), CommandResult.fromAck(roundTrip(CommandResult.failed("no such unit").toAck(4))));
    }

    @Test
    void readsFramesBackToBackAndEndsCleanlyBetweenThem() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        codec.write(out, new Heartbeat(1, Instant.EPOCH).toMessage());
        codec.write(out, new Heartbeat(2, Instant.EPOCH).toMessage());
        ByteArrayInputStream in = new ByteArrayInputStream(out.toByteArray());
        assertEquals(1, Heartbeat.from(codec.read(in)).sequence());
        assertEquals(2, Heartbeat.from(codec.read(in)).sequence());
        assertThrows(EOFException.class, () -> codec.read(in));
    }

    @Test
    void rejectsFramesThatBreakTheProtocolNamingWhatIsWrong() {
        assertMalformed("not a basket-channel frame", "HTTP/1.1 200 OK\nx=y");
        assertMalformed("unsupported protocol version '2'", "basket-channel/2 HEARTBEAT");
        assertMalformed("unknown message type 'SHUTDOWN'", "basket-channel/1 SHUTDOWN");
        assertMalformed("line 2 is not key=value", "basket-channel/1 HEARTBEAT\nno equals sign");
        assertMalformed("duplicate key 'seq'", "basket-channel/1 HEARTBEAT\nseq=1\nseq=2");
        assertMalformed("unknown escape", "basket-channel/1 ACK\ndetail=\\t");
        assertMalformed("invalid key", "basket-channel/1 ACK\nDetail=x");
    }

    @Test
    void rejectsLengthsOutsideTheLimitAndInvalidUtf8() {
        assertThrows(MalformedFrameException.class, () -> codec.read(new ByteArrayInputStream(new byte[] {0, 0, 0, 0})));
        MalformedFrameException tooLong = assertThrows(MalformedFrameException.class,
                () -> codec.read(new ByteArrayInputStream(ByteBuffer.allocate(4).putInt(4096).array())));
        assertTrue(tooLong.getMessage().contains("frame length 4096 outside 1..1024"), tooLong.getMessage());
        assertThrows(MalformedFrameException.class, () -> codec.decode(new byte[] {(byte) 0xC3, (byte) 0x28}));
        assertThrows(IllegalArgumentException.class,
                () -> codec.encode(Message.of(MessageType.ACK).with("detail", "x".repeat(2000)).build()));
    }

    @Test
    void typedMessagesRejectMissingOrInvalidFields() {
        MalformedFrameException missing = assertThrows(MalformedFrameException.class,
                () -> Heartbeat.from(Message.of(MessageType.HEARTBEAT).with("seq", 1).build()));
        assertEquals("HEARTBEAT without the field 'agent-time'", missing.getMessage());
        assertThrows(MalformedFrameException.class, () -> MonitorResult.from(Message.of(MessageType.MONITOR_RESULT)
                .with("service", "web").with("health", "GREEN").with("checked-at", Instant.EPOCH).build()));
        assertThrows(MalformedFrameException.class, () -> Command.from(Message.of(MessageType.COMMAND)
                .with("id", 1).with("verb", "restart").build()));
        assertThrows(MalformedFrameException.class, () -> Command.from(Message.of(MessageType.COMMAND)
                .with("id", 1).with("verb", "format-disk").with("service", "x").build()));
    }

    @Test
    void toStringShowsKeysButNeverValues() {
        Message enrol = Message.of(MessageType.ENROL).with("agent", "web1").with("token", "0123abcd.secret").build();
        assertEquals("ENROL[agent, token]", enrol.toString());
    }

    private Message roundTrip(Message message) throws IOException {
        return codec.read(new ByteArrayInputStream(codec.encode(message)));
    }

    private void assertMalformed(String expected, String text) {
        MalformedFrameException e = assertThrows(MalformedFrameException.class,
                () -> codec.decode(text.getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains(expected), () -> "'" + e.getMessage() + "' should contain '" + expected + "'");
    }

    @Test
    void aLengthBeyondTheLimitIsRefusedBeforeItsPayloadIsReadOrAllocated() {
        InputStream lengthOnly = new SequenceInputStream(new ByteArrayInputStream(ByteBuffer.allocate(4).putInt(1 << 30).array()),
                new InputStream() {
                    @Override
                    public int read() {
                        throw new AssertionError("the payload of a frame too long was read");
                    }
                });

        MalformedFrameException e = assertThrows(MalformedFrameException.class, () -> codec.read(lengthOnly));

        assertEquals("frame length 1073741824 outside 1..1024", e.getMessage());
    }

    @Test
    void aLowerLimitForOneFrameIsApplied() {
        byte[] frame = codec.encode(Message.of(MessageType.HELLO).with("software", "x".repeat(200)).build());

        MalformedFrameException e = assertThrows(MalformedFrameException.class,
                () -> codec.read(new ByteArrayInputStream(frame), 100));

        assertEquals("frame length " + (frame.length - 4) + " outside 1..100", e.getMessage());
    }

    @Test
    void aFrameArrivingInPiecesIsReadWhole() throws IOException {
        Message message = Message.of(MessageType.HELLO).with("software", "y".repeat(900)).build();
        byte[] frame = codec.encode(message);
        InputStream trickle = new InputStream() {
            private int next;

            @Override
            public int read() {
                return next < frame.length ? frame[next++] & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                int n = read();
                if (n < 0) {
                    return -1;
                }
                b[off] = (byte) n;
                return 1;
            }
        };
        assertEquals(message, codec.read(trickle));
    }
}
