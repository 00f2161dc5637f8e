package org.basket.agent.monitors.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;
import org.basket.agent.monitors.support.ControlCommands;
import org.basket.agent.monitors.support.ControlConfig;
import org.basket.agent.monitors.support.Parameters;
import org.basket.api.monitor.ServiceDefinition;

/** An http service's parameters, checked: url, expected statuses, optional body pattern, timeout, optional CA file. */
record HttpSettings(Parameters parameters, URI url, Set<Integer> expectedStatus, Optional<Pattern> body, int timeoutMs,
                    Optional<Path> caFile) {

    static HttpSettings of(ServiceDefinition service) {
        Parameters parameters = new Parameters(service);
        HttpConfig c = parameters.read(HttpConfig.class, ControlConfig.class);
        ControlCommands.validate(parameters);
        return new HttpSettings(parameters, url(parameters, c.url().strip()), statuses(parameters, c.expect_status()),
                text(c.body_regex()).map(regex -> compile(parameters, regex)),
                parameters.positive("timeout.ms", c.timeout_ms()), caFile(parameters, c.ca_file()));
    }

    private static Optional<String> text(String value) {
        return value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    private static Optional<Path> caFile(Parameters parameters, String configured) {
        Optional<Path> caFile = text(configured).map(Path::of);
        if (caFile.isPresent() && !Files.isReadable(caFile.get())) {
            throw parameters.invalid("ca.file", caFile.get() + " is not a readable file");
        }
        return caFile;
    }

    String describe() {
        return parameters.describe();
    }

    private static URI url(Parameters parameters, String text) {
        try {
            URI url = new URI(text);
            if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme()) || url.getHost() == null) {
                throw parameters.invalid("url", text, "not an http:// or https:// URL with a host");
            }
            return url;
        } catch (URISyntaxException e) {
            throw parameters.invalid("url", e.getMessage());
        }
    }

    private static Set<Integer> statuses(Parameters parameters, String text) {
        try {
            Set<Integer> statuses = Arrays.stream(text.split(",")).map(String::strip).map(Integer::parseInt)
                    .collect(Collectors.toUnmodifiableSet());
            if (statuses.stream().allMatch(status -> status >= 100 && status <= 599)) {
                return statuses;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw parameters.invalid("expect.status", text, "not a comma-separated list of HTTP statuses");
    }

    private static Pattern compile(Parameters parameters, String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw parameters.invalid("body.regex", "not a regular expression: " + e.getDescription());
        }
    }
}
