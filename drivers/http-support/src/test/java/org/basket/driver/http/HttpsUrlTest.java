package org.basket.driver.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.basket.api.config.ConfigException;
import org.basket.api.config.KeyProblems;
import org.junit.jupiter.api.Test;

class HttpsUrlTest {

    @Test
    void anHttpsUrlWithAHostIsTaken() {
        KeyProblems problems = new KeyProblems();

        assertEquals("hmc.example", HttpsUrl.read(problems, "url", "https://hmc.example:12443", "https://e").getHost());
        assertTrue(problems.isEmpty());
    }

    @Test
    void plainHttpNoHostAndNoUrlAreNamedWithTheKeyAndAGoodExample() {
        KeyProblems problems = new KeyProblems();
        HttpsUrl.read(problems, "url", "http://hmc.example", "https://hmc.example:12443");
        HttpsUrl.read(problems, "member.ZVM1.url", "https:///path", "https://zcc1.example.org");
        HttpsUrl.read(problems, "member.ZVM2.url", "https://a b", "https://zcc1.example.org");

        String message = assertThrows(ConfigException.class, problems::throwIfAny).describe("driver 'x'");
        assertTrue(message.contains("key 'url': not an https URL with a host, such as https://hmc.example:12443: 'http://hmc.example'"),
                message);
        assertTrue(message.contains("key 'member.ZVM1.url'") && message.contains("such as https://zcc1.example.org"), message);
        assertTrue(message.contains("key 'member.ZVM2.url'") && message.contains("not a URL"), message);
    }
}
