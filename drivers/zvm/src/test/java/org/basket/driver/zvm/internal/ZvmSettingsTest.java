package org.basket.driver.zvm.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.basket.api.driver.DriverConfig;
import org.basket.api.driver.DriverException;
import org.junit.jupiter.api.Test;

class ZvmSettingsTest {
    @Test
    void readsMembersAndLimitsAndNeverShowsATokenValue() throws Exception {
        ZvmSettings settings = ZvmSettings.parse(new DriverConfig("z", "zvm", Map.of("member.zvm1.url", "https://zcc1.example.org",
                "member.ZVM2.url", "https://zcc2.example.org:8443/", "member.ZVM2.zcc.userid", "zcc2",
                "member.ZVM2.admin.token", "secret-two", "admin.token", "secret-one", "relocation.max.total.s", "-1")));
        assertEquals("secret-one", settings.members().get("ZVM1").adminToken());
        assertEquals("secret-two", settings.members().get("ZVM2").adminToken());
        assertEquals("ZCC2", settings.members().get("ZVM2").zccUserid());
        assertEquals(-1, settings.maxTotalSeconds());
        assertEquals(10, settings.maxQuiesceSeconds());
        assertFalse(settings.toString().contains("secret"), settings.toString());
    }

    @Test
    void everyBadKeyIsNamedAndNoSecretShown() {
        DriverException e = assertThrows(DriverException.class, () -> ZvmSettings.parse(new DriverConfig("z", "zvm",
                Map.of("member.ZVM1.url", "http://zcc1.example.org", "member.ZVM2.zcc.userid", "ZCC2",
                        "admin.tokn", "secret-typo", "relocation.max.quiesce.s", "0"))));
        String message = e.getMessage();
        assertTrue(message.contains("driver 'z'"), message);
        assertTrue(message.contains("member.ZVM1.url") && message.contains("not an https URL"), message);
        assertTrue(message.contains("member.ZVM2.url") && message.contains("missing"), message);
        assertTrue(message.contains("admin.tokn"), message);
        assertTrue(message.contains("relocation.max.quiesce.s"), message);
        assertFalse(message.contains("secret-typo"), message);
    }

    @Test
    void anEndpointWithoutMembersIsRefused() {
        DriverException e = assertThrows(DriverException.class, () -> ZvmSettings.parse(new DriverConfig("z", "zvm",
                Map.of("admin.token", "t"))));
        assertTrue(e.getMessage().contains("no member"), e.getMessage());
    }
}
