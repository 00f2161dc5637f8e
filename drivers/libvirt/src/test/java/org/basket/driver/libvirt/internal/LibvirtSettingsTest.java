package org.basket.driver.libvirt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import org.basket.api.driver.DriverConfig;
import org.basket.api.driver.DriverException;
import org.junit.jupiter.api.Test;

class LibvirtSettingsTest {

    private static LibvirtSettings parse(Map<String, String> properties) throws DriverException {
        return LibvirtSettings.parse(new DriverConfig("kvm", "libvirt", properties));
    }

    @Test
    void defaultsAreDirectLiveMigrationPersistentOnTheTarget() throws Exception {
        LibvirtSettings settings = parse(Map.of());
        assertFalse(settings.peerToPeer());
        assertFalse(settings.hasCredentials());
        assertEquals(Migrations.LIVE | Migrations.PERSIST_DEST | Migrations.UNDEFINE_SOURCE,
                new Migrations(settings, new Definitions()).flags());
    }

    @Test
    void peerToPeerWithLimits() throws Exception {
        LibvirtSettings settings = parse(Map.of("migration.mode", "p2p", "migration.bandwidth.mibps", "100",
                "migration.max.downtime.ms", "50", "migration.undefine.source", "false"));
        assertEquals(Migrations.LIVE | Migrations.PEER2PEER | Migrations.PERSIST_DEST,
                new Migrations(settings, new Definitions()).flags());
        assertEquals(100, settings.bandwidthMiBps());
        assertEquals(Duration.ofMillis(50), settings.maxDowntime());
    }

    @Test
    void anUnknownKeyIsRejectedWithoutItsValue() {
        DriverException e = assertThrows(DriverException.class, () -> parse(Map.of("pasword", "s3cret")));
        assertTrue(e.getMessage().startsWith("driver 'kvm': key 'pasword': unknown key (known keys: connect.timeout.ms,"),
                e.getMessage());
        assertFalse(e.getMessage().contains("s3cret"));
    }

    @Test
    void badValuesAreRejectedWithTheKeyAndTheValue() {
        assertEquals("driver 'kvm': key 'migration.mode': neither direct nor p2p: 'tunnel'",
                assertThrows(DriverException.class, () -> parse(Map.of("migration.mode", "tunnel"))).getMessage());
        assertEquals("driver 'kvm': key 'keepalive.count': must be from 1 to 100: '0'",
                assertThrows(DriverException.class, () -> parse(Map.of("keepalive.count", "0"))).getMessage());
        assertEquals("driver 'kvm': key 'migration.persist': not true or false: 'maybe'",
                assertThrows(DriverException.class, () -> parse(Map.of("migration.persist", "maybe"))).getMessage());
        assertEquals("driver 'kvm': key 'password': needs 'username'",
                assertThrows(DriverException.class, () -> parse(Map.of("password", "pw"))).getMessage());
    }

    @Test
    void everyBadKeyIsNamedAtOnce() {
        assertEquals("driver 'kvm': key 'migration.mode': neither direct nor p2p: 'tunnel'; key 'connect.timeout.ms':"
                + " must be from 100 to 600000: '5'", assertThrows(DriverException.class,
                        () -> parse(Map.of("migration.mode", "tunnel", "connect.timeout.ms", "5"))).getMessage());
    }

    @Test
    void thePasswordNeverShows() throws Exception {
        LibvirtSettings settings = parse(Map.of("username", "basket", "password", "s3cret"));
        assertTrue(settings.toString().contains("basket"));
        assertFalse(settings.toString().contains("s3cret"));
        assertFalse(new Credentials("basket", "s3cret").toString().contains("s3cret"));
    }
}
