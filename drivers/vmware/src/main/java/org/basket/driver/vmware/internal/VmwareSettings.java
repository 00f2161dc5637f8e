package org.basket.driver.vmware.internal;

import java.net.URI;
import java.time.Duration;

import org.basket.api.config.ConfigException;
import org.basket.api.config.KeyProblems;
import org.basket.api.config.StrictConfig;
import org.basket.api.driver.DriverConfig;
import org.basket.api.driver.DriverException;
import org.basket.driver.http.HttpsConfig;
import org.basket.driver.http.HttpsSettings;
import org.basket.driver.http.HttpsUrl;

/**
 * A VMware endpoint's configuration ({@link VmwareConfig} and {@link HttpsConfig}), read. The passwords are kept here
 * only; they are never part of a message or {@link #toString()}.
 */
record VmwareSettings(String endpoint, URI url, String username, String password, HttpsSettings https,
                      Duration reconnectInterval, boolean coexist) {

    /**
     * Reads {@link VmwareConfig} and {@link HttpsConfig} strictly; a bad key is a DriverException naming the endpoint,
     * every bad key and value.
     */
    static VmwareSettings parse(DriverConfig config) throws DriverException {
        try {
            return read(config.name(), config);
        } catch (ConfigException e) {
            throw new DriverException(e.describe("driver '" + config.name() + "'"));
        }
    }

    private static VmwareSettings read(String endpoint, DriverConfig config) throws ConfigException {
        KeyProblems problems = new KeyProblems();
        VmwareConfig c = StrictConfig.read(VmwareConfig.class, config.properties(), problems, HttpsConfig.class);
        URI url = HttpsUrl.read(problems, "url", c.url().trim(), "https://vcenter.example/sdk");
        if (c.username().isBlank()) {
            problems.add("username", "must not be empty");
        }
        if (c.password().isEmpty()) {
            problems.add("password", "must not be empty");
        }
        HttpsSettings https = HttpsSettings.read(config.properties(), problems);
        Duration reconnect = Duration.ofMillis(problems.within("reconnect.interval.ms", c.reconnect_interval_ms(), 100, 3_600_000));
        String coexistence = c.coexistence().trim();
        if (!coexistence.equals("refuse") && !coexistence.equals("allow")) {
            problems.add("coexistence", c.coexistence(), "neither refuse nor allow");
        }
        problems.throwIfAny();
        return new VmwareSettings(endpoint, url, c.username().trim(), c.password(), https, reconnect,
                coexistence.equals("allow"));
    }

    @Override
    public String toString() {
        return "VmwareSettings[url=" + url + ", username=" + username + ", password=****, " + https
                + ", reconnect=" + reconnectInterval + ", coexistence=" + (coexist ? "allow" : "refuse") + "]";
    }
}
