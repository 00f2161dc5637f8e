package org.basket.driver.vmware.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;

import org.basket.api.driver.DriverConfig;
import org.basket.api.driver.DriverException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Logging in to the simulated vCenter over TLS, trusting only the truststore. */
class SdkTest {
    private static VsphereSimulator simulator;

    @BeforeAll
    static void start() throws Exception {
        simulator = VsphereSimulator.start(2, 2);
    }

    @AfterAll
    static void stop() throws Exception {
        simulator.close();
    }

    @Test
    void anAnswerThatNeverCameIsNamedSoWhicheverWayTheParserSawIt() {
        for (String parsed : new String[] { "org.dom4j.DocumentException: Error on line 1 of document  : Premature end of file.",
            "org.dom4j.DocumentException: null Nested exception: null" }) {
            assertEquals("the connection ended without an answer",
                    Sdk.reason(new java.rmi.RemoteException("VI SDK invoke exception:" + parsed)), parsed);
        }
    }

    @Test
    void logsInWithTheTruststore() throws Exception {
        Sdk sdk = login(simulator.endpointKeys());
        assertEquals("VirtualCenter", sdk.content.getAbout().getApiType());
        sdk.logout();
    }

    @Test
    void aWrongPasswordIsAClearErrorNamingTheEndpointWithoutThePassword() {
        DriverException e = assertThrows(DriverException.class, () -> login(simulator.endpointKeys("password", "wrong-pw-42")));
        assertEquals("driver 'vc': " + simulator.url + ": login refused for user 'basket' (wrong user name or password)", e.getMessage());
        assertFalse(e.getMessage().contains("wrong-pw-42"));
    }

    @Test
    void withoutTheTruststoreTheCertificateIsRefused() {
        Map<String, String> keys = simulator.endpointKeys("truststore", "", "truststore.password", "");
        DriverException e = assertThrows(DriverException.class, () -> login(keys));
        assertTrue(e.getMessage().startsWith("driver 'vc': " + simulator.url + ": TLS failed (is the endpoint's certificate in the truststore?)"),
                e.getMessage());
    }

    @Test
    void anUnknownHostIsNamed() {
        DriverException e = assertThrows(DriverException.class, () -> login(simulator.endpointKeys("url", "https://no-such-host.invalid/sdk")));
        assertEquals("driver 'vc': https://no-such-host.invalid/sdk: unknown host no-such-host.invalid", e.getMessage());
    }

    private static Sdk login(Map<String, String> keys) throws DriverException {
        VmwareSettings settings = VmwareSettings.parse(new DriverConfig("vc", "vmware", keys));
        return Sdk.login(settings, TrustedUrl.of(settings));
    }
}
