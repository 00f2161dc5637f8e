package org.basket.driver.sim.world;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.basket.testsupport.WorldProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A world process refuses what is not a request, with the reason, and holds nothing it was not asked for long. */
class WorldLimitsTest {
    private static WorldProcess world;

    @BeforeAll
    static void startWorld() throws IOException {
        world = WorldProcess.start(0, "--request-timeout-ms", "300");
    }

    @AfterAll
    static void stopWorld() throws InterruptedException {
        world.close();
    }

    @Test
    void anUnknownRequestIsRefusedNamingTheRequests() throws IOException {
        assertEquals(List.of("refused", "unknown request 'reboot' (requests: actions, attach, clear-faults, crash-domain, crash-host,"
                + " cut-contact, discover, domains, events, fail, fail-fence, faults, fence-power, fence-status, hang, host-info,"
                + " hosts, latency, migrate, monitor, power-on, set-latency, start, stop, violations)"), exchange("reboot node1\n"));
    }

    @Test
    void aRequestWithTheWrongArgumentsIsRefusedWithItsUsage() throws IOException {
        assertEquals(List.of("refused", "request 'start' takes 2 argument(s): start HOST DOMAIN"), exchange("start node1\n"));
        assertEquals(List.of("refused", "not a whole number from 0 up: 'soon'"), exchange("stop node1 vm1 soon\n"));
        assertEquals(List.of("refused", "request of more than 16 fields"), exchange("hosts" + " x".repeat(16) + "\n"));
    }

    @Test
    void aLongLineIsRefusedWithoutBeingReadWhole() throws IOException {
        assertEquals(List.of("refused", "request longer than 8192 bytes"), exchange("x".repeat(100_000) + "\n"));
    }

    @Test
    void aSilentConnectionIsClosedAfterTheRequestTimeout() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", world.port())) {
            socket.setSoTimeout(5000);
            InputStream in = socket.getInputStream();
            assertEquals(List.of("refused", "no request within 300 ms"), Line.split(new LineReader(in, 1000).next()));
            assertNull(new LineReader(in, 1000).next(), "then closed");
        }
    }

    @Test
    void aDriverErrorIsAnsweredAsOne() throws IOException {
        assertEquals(List.of("driver-error", "read host ghost: unknown simulated host ghost"), exchange("host-info ghost\n"));
    }

    private static List<String> exchange(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", world.port())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request.getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException e) {
                // the world may stop reading a long line before it is all sent: its answer is there
            }
            return Line.split(new LineReader(socket.getInputStream(), Line.MAX_ANSWER_LENGTH).next());
        }
    }
}
