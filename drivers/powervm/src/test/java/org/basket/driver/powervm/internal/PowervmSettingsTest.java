package org.basket.driver.powervm.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;

import org.basket.api.driver.DriverConfig;
import org.basket.api.driver.DriverException;
import org.junit.jupiter.api.Test;

/** The endpoint's keys are read strictly through the api's reader: every bad key at once, secrets never shown. */
class PowervmSettingsTest {

    @Test
    void readsTheKeysWithTheirDefaults() throws DriverException {
        PowervmSettings settings = parse(Map.of("url", "https://hmc.example:12443", "username", "basket", "password", "s3cret-pw"));
        assertEquals("https://hmc.example:12443", settings.url().toString());
        assertEquals(Optional.empty(), settings.https().truststore());
        assertEquals(10_000, settings.https().connectTimeout().toMillis());
        assertFalse(settings.toString().contains("s3cret-pw"), settings.toString());
    }

    @Test
    void namesEveryBadKeyAndNeverAPassword() {
        DriverException e = assertThrows(DriverException.class, () -> parse(Map.of("url", "http://hmc.example:12443", "username", "u",
                "password", "s3cret-pw", "truststore", "/nonexistent/ts.p12", "truststore.password", "ts-pw-9",
                "connect.timeout.ms", "5")));
        String message = e.getMessage();
        assertTrue(message.startsWith("driver 'hmc': "), message);
        for (String key : new String[] { "'url'", "'truststore'", "'connect.timeout.ms'" }) {
            assertTrue(message.contains("key " + key), key + " in " + message);
        }
        for (String secret : new String[] { "s3cret-pw", "ts-pw-9" }) {
            assertFalse(message.contains(secret), secret + " in " + message);
        }
    }

    @Test
    void aMisspeltKeyIsRefusedWithoutItsValue() {
        DriverException e = assertThrows(DriverException.class, () -> parse(Map.of("url", "https://hmc.example:12443", "username", "u",
                "password", "pw", "pasword", "typo-pw-1")));
        assertTrue(e.getMessage().startsWith("driver 'hmc': key 'pasword': unknown key (known keys: "), e.getMessage());
        assertFalse(e.getMessage().contains("typo-pw-1"), e.getMessage());
    }

    @Test
    void theUrlUserAndPasswordAreRequired() {
        DriverException e = assertThrows(DriverException.class, () -> parse(Map.of()));
        assertTrue(e.getMessage().contains("key 'url': missing required key") && e.getMessage().contains("key 'password': missing required key"),
                e.getMessage());
    }

    private static PowervmSettings parse(Map<String, String> keys) throws DriverException {
        return PowervmSettings.parse(new DriverConfig("hmc", "powervm", keys));
    }
}
