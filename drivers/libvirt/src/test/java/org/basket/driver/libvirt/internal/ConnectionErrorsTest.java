package org.basket.driver.libvirt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.basket.api.driver.DomainState;
import org.basket.api.driver.DriverException;
import org.basket.testsupport.RecordingDriverListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hosts that cannot be reached or refuse the credentials: clear errors, and the other hosts carry on. */
class ConnectionErrorsTest {
    @TempDir
    Path dir;

    private final RecordingDriverListener listener = new RecordingDriverListener();
    private LibvirtEndpoint endpoint;

    @BeforeEach
    void open() throws Exception {
        endpoint = TestHosts.open("kvm", Map.of("username", "basket", "password", "s3cret"), listener);
        endpoint.attach(TestHosts.binding("good", TestHosts.uri(dir, "good", "node.xml")));
    }

    @AfterEach
    void close() {
        endpoint.close();
    }

    @Test
    void aUriOfAnotherKindIsRefusedBeforeConnecting() {
        DriverException e = assertThrows(DriverException.class,
                () -> endpoint.attach(TestHosts.binding("web1", "http://web1/")));
        assertEquals("host web1: address 'http://web1/' is not a libvirt URI of a qemu, xen or test driver"
                + " (such as qemu+ssh://host/system)", e.getMessage());
    }

    @Test
    void aMissingNodeFileNamesHostAndUri() {
        String uri = "test://" + dir.resolve("missing.xml");
        DriverException e = assertThrows(DriverException.class, () -> endpoint.attach(TestHosts.binding("h2", uri)));
        assertTrue(e.getMessage().startsWith("host h2: cannot connect to " + uri + ": "), e.getMessage());
        assertStillServing();
    }

    @Test
    void anUnreachableDaemonNamesHostAndUri() {
        String uri = "qemu+tcp://127.0.0.1:1/system";
        DriverException e = assertThrows(DriverException.class, () -> endpoint.attach(TestHosts.binding("h3", uri)));
        assertTrue(e.getMessage().startsWith("host h3: cannot connect to " + uri + ": "), e.getMessage());
        assertTrue(e.getMessage().contains("127.0.0.1"), e.getMessage());
        assertStillServing();
    }

    @Test
    void aDaemonThatNeverAnswersHoldsAttachForTheConnectTimeoutOnly() throws Exception {
        List<Socket> accepted = new CopyOnWriteArrayList<>();
        try (ServerSocket mute = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(mute.accept());
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            acceptor.start();
            LibvirtEndpoint quick = TestHosts.open("kvm4", Map.of("connect.timeout.ms", "300"), listener);
            try {
                String uri = "qemu+tcp://127.0.0.1:" + mute.getLocalPort() + "/system";
                for (int attempt = 0; attempt < 2; attempt++) {
                    long start = System.nanoTime();
                    DriverException e = assertThrows(DriverException.class,
                            () -> quick.attach(TestHosts.binding("mute", uri)));
                    assertEquals("host mute: no answer from " + uri + " within 300 ms; still trying", e.getMessage());
                    assertTrue(System.nanoTime() - start < 2_000_000_000L);
                }
                assertEquals(1, accepted.size(), "the second attach waits for the first attempt");
            } finally {
                quick.close();
                for (Socket socket : accepted) {
                    socket.close();
                }
            }
        }
        assertStillServing();
    }

    @Test
    void rightCredentialsConnect() throws Exception {
        endpoint.attach(TestHosts.binding("guarded", TestHosts.uri(dir, "guarded", "auth-node.xml")));
        assertEquals(DomainState.RUNNING, endpoint.monitor("guarded", "guarded").state());
    }

    @Test
    void wrongCredentialsAreAnErrorThatDoesNotShowThePassword() throws Exception {
        LibvirtEndpoint wrong = TestHosts.open("kvm2", Map.of("username", "basket", "password", "wrong-pw"), listener);
        try {
            String uri = TestHosts.uri(dir, "guarded", "auth-node.xml");
            DriverException e = assertThrows(DriverException.class,
                    () -> wrong.attach(TestHosts.binding("guarded", uri)));
            assertTrue(e.getMessage().startsWith("host guarded: cannot connect to " + uri + ": authentication failed"),
                    e.getMessage());
            assertFalse(e.getMessage().contains("wrong-pw"));
        } finally {
            wrong.close();
        }
    }

    @Test
    void noCredentialsForAHostThatAsksIsAnError() throws Exception {
        LibvirtEndpoint anonymous = TestHosts.open("kvm3", Map.of(), listener);
        try {
            String uri = TestHosts.uri(dir, "guarded", "auth-node.xml");
            DriverException e = assertThrows(DriverException.class,
                    () -> anonymous.attach(TestHosts.binding("guarded", uri)));
            assertTrue(e.getMessage().startsWith("host guarded: cannot connect to " + uri + ": "), e.getMessage());
        } finally {
            anonymous.close();
        }
    }

    private void assertStillServing() {
        try {
            assertEquals(DomainState.RUNNING, endpoint.monitor("good", "web").state());
        } catch (DriverException e) {
            throw new AssertionError(e);
        }
    }
}
