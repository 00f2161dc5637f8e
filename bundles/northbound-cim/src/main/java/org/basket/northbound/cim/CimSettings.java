package org.basket.northbound.cim;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.basket.api.config.ConfigException;
import org.basket.api.config.KeyProblems;
import org.basket.api.config.StrictConfig;

/**
 * The checked configuration of PID {@value #PID}, read strictly through {@link StrictConfig}: an unknown key or a bad
 * value is refused with the file, the key and the value (never a password's).
 *
 * @param user     the one configured user and password, or empty for the JAAS realm
 * @param keystore the PKCS12 keystore for HTTPS, or empty for HTTP
 */
record CimSettings(InetAddress bindAddress, int port, String namespace, Optional<Credentials> user, String realm,
                   String role, int maxRequestBytes, Optional<Path> keystore, String keystorePassword) {
    static final String PID = "org.basket.cim";

    record Credentials(String username, String password) {
        @Override
        public String toString() {
            return username + ":****";
        }
    }

    static CimSettings from(Map<String, ?> properties) throws ConfigException {
        KeyProblems problems = new KeyProblems();
        CimConfig c = StrictConfig.read(CimConfig.class, properties, problems);
        int port = (int) problems.within("port", c.port(), 0, 65535);
        int max = (int) problems.within("max.request.bytes", c.max_request_bytes(), 1024, 16 * 1024 * 1024);
        InetAddress address = null;
        try {
            address = InetAddress.getByName(c.bind_address().trim());
        } catch (UnknownHostException e) {
            problems.add("bind.address", c.bind_address(), "not an address of this machine");
        }
        String namespace = c.namespace().trim();
        if (!namespace.matches("[A-Za-z0-9_]+(/[A-Za-z0-9_]+)*")) {
            problems.add("namespace", namespace, "must be names of letters, digits and _ joined by /, such as root/virtualization");
        }
        Optional<Credentials> user = Optional.empty();
        if (!c.username().isBlank()) {
            if (c.password().isEmpty()) {
                problems.add("password", "required with a username");
            }
            user = Optional.of(new Credentials(c.username().trim(), c.password()));
        } else if (c.jaas_realm().isBlank()) {
            problems.add("jaas.realm", "required without a username");
        }
        Optional<Path> keystore = Optional.of(c.keystore().trim()).filter(k -> !k.isEmpty()).map(Path::of);
        keystore.filter(k -> !Files.isReadable(k)).ifPresent(k -> problems.add("keystore", k, "no readable file"));
        problems.throwIfAny();
        return new CimSettings(address, port, namespace, user, c.jaas_realm().trim(), c.jaas_role().trim(), max, keystore,
                c.keystore_password());
    }

    static CimSettings defaults() {
        try {
            return from(Map.of());
        } catch (ConfigException impossible) {
            throw new IllegalStateException("the declared defaults of CimConfig are refused", impossible);
        }
    }

    static String source(Map<String, ?> properties) {
        return StrictConfig.source(PID, properties);
    }

    @Override
    public String toString() {
        return "CimSettings[" + bindAddress.getHostAddress() + ":" + port + ", " + namespace + ", "
                + user.map(Credentials::toString).orElse("realm " + realm) + ", " + (keystore.isPresent() ? "HTTPS" : "HTTP") + "]";
    }
}
