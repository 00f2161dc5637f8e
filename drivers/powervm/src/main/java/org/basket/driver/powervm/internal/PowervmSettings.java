package org.basket.driver.powervm.internal;

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
 * A PowerVM endpoint's configuration ({@link PowervmConfig} and {@link HttpsConfig}), read. The passwords are kept here
 * only; they are never part of a message or {@link #toString()}.
 */
record PowervmSettings(String endpoint, URI url, String username, String password, HttpsSettings https, Duration jobPoll,
                       Duration jobTimeout) {

    /**
     * Reads {@link PowervmConfig} and {@link HttpsConfig} strictly; a bad key is a DriverException naming the endpoint,
     * every bad key and value.
     */
    static PowervmSettings parse(DriverConfig config) throws DriverException {
        try {
            return read(config.name(), config);
        } catch (ConfigException e) {
            throw new DriverException(e.describe("driver '" + config.name() + "'"));
        }
    }

    private static PowervmSettings read(String endpoint, DriverConfig config) throws ConfigException {
        KeyProblems problems = new KeyProblems();
        PowervmConfig c = StrictConfig.read(PowervmConfig.class, config.properties(), problems, HttpsConfig.class);
        URI url = HttpsUrl.read(problems, "url", c.url().trim().replaceAll("/+$", ""), "https://hmc.example:12443");
        if (c.username().isBlank()) {
            problems.add("username", "must not be empty");
        }
        if (c.password().isEmpty()) {
            problems.add("password", "must not be empty");
        }
        HttpsSettings https = HttpsSettings.read(config.properties(), problems);
        Duration poll = Duration.ofMillis(problems.within("job.poll.ms", c.job_poll_ms(), 10, 60_000));
        Duration job = Duration.ofMillis(problems.within("job.timeout.ms", c.job_timeout_ms(), 1_000, 86_400_000));
        problems.throwIfAny();
        return new PowervmSettings(endpoint, url, c.username().trim(), c.password(), https, poll, job);
    }

    @Override
    public String toString() {
        return "PowervmSettings[url=" + url + ", username=" + username + ", password=****, " + https + ", jobPoll=" + jobPoll
                + ", jobTimeout=" + jobTimeout + "]";
    }
}
