package org.basket.driver.powervm.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import org.basket.api.config.ConfigException;
import org.basket.api.config.KeyProblems;
import org.basket.api.config.StrictConfig;
import org.basket.api.driver.DriverConfig;
import org.basket.api.driver.DriverException;

/**
 * A PowerVM endpoint's configuration ({@link PowervmConfig}), read. The passwords are kept here only; they
 * are never part of a message or {@link #toString()}.
 */
record PowervmSettings(String endpoint, URI url, String username, String password, Optional<Path> truststore,
                       String truststorePassword, String truststoreType, Duration connectTimeout, Duration callTimeout,
                       Duration jobPoll, Duration jobTimeout) {

    /** Reads {@link PowervmConfig} strictly; a bad key is a DriverException naming the endpoint, every bad key and value. */
    static PowervmSettings parse(DriverConfig config) throws DriverException {
        try {
            return read(config.name(), config);
        } catch (ConfigException e) {
            throw new DriverException(e.describe("driver '" + config.name() + "'"));
        }
    }

    private static PowervmSettings read(String endpoint, DriverConfig config) throws ConfigException {
        PowervmConfig c = StrictConfig.read(PowervmConfig.class, config.properties());
        KeyProblems problems = new KeyProblems();
        URI url = url(problems, c.url());
        if (c.username().isBlank()) {
            problems.add("username", "must not be empty");
        }
        if (c.password().isEmpty()) {
            problems.add("password", "must not be empty");
        }
        Optional<Path> truststore = c.truststore().isBlank() ? Optional.empty() : Optional.of(Path.of(c.truststore().trim()));
        truststore.filter(path -> !Files.isReadable(path))
                .ifPresent(path -> problems.add("truststore", path, "no readable file"));
        String type = c.truststore_type().trim().toUpperCase(Locale.ROOT);
        if (!type.equals("PKCS12") && !type.equals("JKS")) {
            problems.add("truststore.type", c.truststore_type(), "neither PKCS12 nor JKS");
        }
        Duration connect = Duration.ofMillis(problems.within("connect.timeout.ms", c.connect_timeout_ms(), 100, 600_000));
        Duration call = Duration.ofMillis(problems.within("call.timeout.ms", c.call_timeout_ms(), 1_000, 3_600_000));
        Duration poll = Duration.ofMillis(problems.within("job.poll.ms", c.job_poll_ms(), 10, 60_000));
        Duration job = Duration.ofMillis(problems.within("job.timeout.ms", c.job_timeout_ms(), 1_000, 86_400_000));
        problems.throwIfAny();
        return new PowervmSettings(endpoint, url, c.username().trim(), c.password(), truststore, c.truststore_password(), type,
                connect, call, poll, job);
    }

    private static URI url(KeyProblems problems, String text) {
        try {
            URI url = new URI(text.trim().replaceAll("/+$", ""));
            if (!"https".equalsIgnoreCase(url.getScheme()) || url.getHost() == null) {
                problems.add("url", text, "not an https URL with a host, such as https://hmc.example:12443");
            }
            return url;
        } catch (URISyntaxException e) {
            problems.add("url", text, "not a URL: " + e.getReason());
            return null;
        }
    }

    @Override
    public String toString() {
        return "PowervmSettings[url=" + url + ", username=" + username + ", password=****, truststore="
                + truststore.map(Path::toString).orElse("(JVM default)") + ", truststoreType=" + truststoreType
                + ", connectTimeout=" + connectTimeout + ", callTimeout=" + callTimeout + ", jobPoll=" + jobPoll
                + ", jobTimeout=" + jobTimeout + "]";
    }
}
