package org.basket.driver.zvm.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLServerSocket;

/**
 * A simulator of the z/VM SMAPI server's TCP/IP interface for one member of a {@link FeilongSimulator} world, the
 * calls Debian's {@code fence_zvmip} (fence-agents 4.12) makes: TLS on 127.0.0.1 (ephemeral port, the
 * {@link TestCertificate}), one request per connection.
 *
 * <p>Source: {@code /usr/sbin/fence_zvmip} itself, the only one used: a request is its length (4 bytes, big endian),
 * then the function name, authenticated userid, password and each parameter as length-prefixed strings; the answer
 * is a request id (4 bytes), then the output length, the request id, the return and reason codes (4 bytes each) and,
 * for a list, an array length and length-prefixed names. Functions: {@code Check_Authentication},
 * {@code Image_Status_Query} (rc 0 rs 0 logged on to this member, rc 0 rs 12 not; {@code *}: the images active
 * here), {@code Image_Name_Query_DM} (every guest), {@code Image_Deactivate} (target, {@code IMMED}: the guest logged
 * off), {@code Image_Activate} (the guest logged on to this member).
 *
 * <p>Limits, the simulator's own choices, not checked against IBM's SMAPI reference: a wrong userid or password is
 * rc 100 rs 0 for every function; Image_Deactivate of a guest not active here rc 200 rs 12, Image_Activate of a
 * guest active anywhere rc 200 rs 8; no directory manager, no AUTHLIST, no asynchronous SMAPI, no other function.
 */
public final class SmapiSimulator implements AutoCloseable {
    public static final String USERID = "FENCEUSR";
    public static final String PASSWORD = "smapi-Pw-9";
    private static final int MAX_REQUEST = 64 * 1024;

    private final FeilongSimulator world;
    private final String system;
    private final ServerSocket server;
    private final AtomicInteger requestIds = new AtomicInteger(1000);
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "smapi-sim");
        thread.setDaemon(true);
        return thread;
    });

    private SmapiSimulator(FeilongSimulator world, String system) throws IOException {
        this.world = world;
        this.system = system;
        try {
            server = TestCertificate.get().serverContext().getServerSocketFactory().createServerSocket(0, 50,
                    InetAddress.getByName("127.0.0.1"));
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
        ((SSLServerSocket) server).setNeedClientAuth(false);
        threads.execute(this::accept);
    }

    /** The SMAPI server of member {@code system} of {@code world}. */
    public static SmapiSimulator start(FeilongSimulator world, String system) throws IOException {
        return new SmapiSimulator(world, system);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** fence_zvmip's parameters for a guest of this member. */
    public Map<String, String> agentParameters(String userid) {
        return Map.of("ip", "127.0.0.1", "ipport", Integer.toString(port()), "username", USERID, "password", PASSWORD,
                "plug", userid);
    }

    /** {@code Image_Deactivate LINUX02 IMMED} ... every authenticated call, in order. */
    public List<String> calls() {
        return List.copyOf(calls);
    }

    @Override
    public void close() throws IOException {
        server.close();
        threads.shutdownNow();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                threads.execute(() -> serve(client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            client.setSoTimeout(10_000);
            DataInputStream in = new DataInputStream(client.getInputStream());
            int length = in.readInt();
            if (length < 12 || length > MAX_REQUEST) {
                return;
            }
            byte[] request = in.readNBytes(length);
            List<String> strings = strings(request);
            if (strings.size() < 3) {
                return;
            }
            byte[] answer = answer(strings.get(0), strings.get(1), strings.get(2), strings.subList(3, strings.size()));
            client.getOutputStream().write(answer);
            client.getOutputStream().flush();
        } catch (SocketTimeoutException | RuntimeException e) {
            // a malformed or stalled request: the connection is closed
        } catch (IOException e) {
            // the client went away
        }
    }

    private byte[] answer(String function, String userid, String password, List<String> parameters) throws IOException {
        int id = requestIds.incrementAndGet();
        if (!USERID.equals(userid) || !PASSWORD.equals(password)) {
            return codes(id, 100, 0, null);
        }
        calls.add(function + (parameters.isEmpty() ? "" : " " + String.join(" ", parameters)));
        String target = parameters.isEmpty() ? "" : parameters.get(0);
        return switch (function) {
            case "Check_Authentication" -> codes(id, 0, 0, null);
            case "Image_Status_Query" -> target.equals("*")
                    ? codes(id, 0, 0, world.guests().stream().filter(g -> system.equals(world.loggedOnAt(g))).toList())
                    : codes(id, 0, system.equals(at(target)) ? 0 : 12, null);
            case "Image_Name_Query_DM" -> codes(id, 0, 0, world.guests());
            case "Image_Deactivate" -> {
                if (!system.equals(at(target))) {
                    yield codes(id, 200, 12, null);
                }
                world.logOff(target);
                yield codes(id, 0, 0, null);
            }
            case "Image_Activate" -> world.guests().contains(target) && world.logOn(target, system)
                    ? codes(id, 0, 0, null) : codes(id, 200, 8, null);
            default -> codes(id, 8, 0, null);
        };
    }

    private String at(String userid) {
        return world.guests().contains(userid) ? world.loggedOnAt(userid) : null;
    }

    private static byte[] codes(int id, int rc, int rs, List<String> array) throws IOException {
        ByteArrayOutputStream names = new ByteArrayOutputStream();
        if (array != null) {
            DataOutputStream out = new DataOutputStream(names);
            for (String name : array) {
                byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
                out.writeInt(bytes.length);
                out.write(bytes);
            }
        }
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(answer);
        out.writeInt(id);
        out.writeInt(12 + (array == null ? 0 : 4 + names.size()));
        out.writeInt(id);
        out.writeInt(rc);
        out.writeInt(rs);
        if (array != null) {
            out.writeInt(names.size());
            out.write(names.toByteArray());
        }
        return answer.toByteArray();
    }

    private static List<String> strings(byte[] request) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(request));
        List<String> strings = new ArrayList<>();
        while (in.available() >= 4) {
            int length = in.readInt();
            if (length < 0 || length > in.available()) {
                throw new IOException("bad string length " + length);
            }
            strings.add(new String(in.readNBytes(length), StandardCharsets.UTF_8));
        }
        return strings;
    }
}
