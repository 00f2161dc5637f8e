package org.basket.driver.http;

import java.net.URI;
import java.net.URISyntaxException;

import org.basket.api.config.KeyProblems;

/** An endpoint's URL key: https only, with a host. */
public final class HttpsUrl {
    private HttpsUrl() {
    }

    /**
     * The URL {@code text} of key {@code key}, or null with a problem added naming the key, the value and
     * {@code example} (a good value) when it is not an https URL with a host.
     */
    public static URI read(KeyProblems problems, String key, String text, String example) {
        try {
            URI url = new URI(text);
            if (!"https".equalsIgnoreCase(url.getScheme()) || url.getHost() == null) {
                problems.add(key, text, "not an https URL with a host, such as " + example);
            }
            return url;
        } catch (URISyntaxException e) {
            problems.add(key, text, "not a URL: " + e.getReason());
            return null;
        }
    }
}
