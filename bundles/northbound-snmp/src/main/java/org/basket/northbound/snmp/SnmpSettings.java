package org.basket.northbound.snmp;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.basket.api.config.ConfigException;
import org.basket.api.config.KeyProblems;
import org.basket.api.config.StrictConfig;

/**
 * The checked configuration of PID {@value #PID}: its keys declared by {@link SnmpConfig} and read strictly, the
 * targets' and users' own keys checked here, every bad key named in one {@link ConfigException}.
 *
 * @param engineId the SNMPv3 engine ID of the notifications
 * @param agent    the agent's settings, or empty when it does not run
 */
record SnmpSettings(Optional<AgentSettings> agent, byte[] engineId, int queueCapacity, int informOutstanding,
                    Path stateDirectory, List<Target> targets, Map<String, User> users) {

    static final String PID = "org.basket.snmp";
    private static final Pattern TARGET_KEY = Pattern.compile("target\\.([A-Za-z0-9_-]+)\\.(.+)");
    private static final Pattern USER_KEY = Pattern.compile("user\\.([A-Za-z0-9_-]+)\\.(.+)");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    /** The agent: where it listens and who may read. */
    record AgentSettings(InetAddress address, int port, String community, List<User> users) {
    }

    enum Version { V2C, V3 }

    enum Kind { TRAP, INFORM }

    /** A notification receiver. {@code community} for v2c, {@code user} for v3. */
    record Target(String name, InetAddress address, int port, Version version, Kind kind, String community,
                  Optional<User> user, Duration timeout, int retries) {
        @Override
        public String toString() {
            return name + " (" + version.name().toLowerCase(Locale.ROOT) + " " + kind.name().toLowerCase(Locale.ROOT)
                    + "s to " + address.getHostAddress() + ":" + port + ")";
        }
    }

    /** An SNMPv3 user, always authPriv. */
    record User(String name, AuthProtocol auth, String authPassword, PrivProtocol priv, String privPassword) {
        @Override
        public String toString() {
            return name + " (" + auth.text + ", " + priv.text + ")";
        }
    }

    enum AuthProtocol {
        SHA_224("SHA-224"), SHA_256("SHA-256"), SHA_384("SHA-384"), SHA_512("SHA-512");

        final String text;

        AuthProtocol(String text) {
            this.text = text;
        }
    }

    enum PrivProtocol {
        AES_128("AES-128"), AES_192("AES-192"), AES_256("AES-256");

        final String text;

        PrivProtocol(String text) {
            this.text = text;
        }
    }

    /** Reads {@link SnmpConfig} and the targets' and users' keys strictly; every bad key in one exception. */
    static SnmpSettings from(Map<String, ?> raw) throws ConfigException {
        KeyProblems problems = new KeyProblems();
        SnmpConfig c = StrictConfig.read(SnmpConfig.class, raw, problems);
        Map<String, User> users = users(raw, problems);
        List<Target> targets = targets(raw, users, problems);
        Optional<AgentSettings> agent = Optional.empty();
        int port = (int) problems.within("agent.port", c.agent_port(), 0, 65535);
        InetAddress agentAddress = literal("agent.address", c.agent_address().trim(), problems);
        List<User> readers = List.of(c.agent_users()).stream().map(name -> {
            User user = users.get(name);
            if (user == null) {
                problems.add("agent.users", name, "no user." + name + ".* keys define this user");
            }
            return user;
        }).toList();
        if (c.agent_enabled() && agentAddress != null && !readers.contains(null)) {
            agent = Optional.of(new AgentSettings(agentAddress, port, c.agent_community().trim(), readers));
        }
        byte[] engineId = engineId(c.engine_id().trim(), problems);
        int queue = (int) problems.within("queue.capacity", c.queue_capacity(), 1, 1_000_000);
        int outstanding = (int) problems.within("inform.outstanding", c.inform_outstanding(), 1, 100_000);
        Path state = c.state_directory().isBlank() ? Path.of(System.getProperty("karaf.data", "data"), "basket", "snmp")
                : Path.of(c.state_directory().trim());
        problems.throwIfAny();
        return new SnmpSettings(agent, engineId, queue, outstanding, state, targets, users);
    }

    /** Where the configuration came from, for messages: its file, else the PID. */
    static String source(Map<String, ?> raw) {
        return StrictConfig.source(PID, raw);
    }

    private static Map<String, User> users(Map<String, ?> raw, KeyProblems problems) {
        SortedMap<String, User> users = new TreeMap<>();
        for (String name : names(raw, USER_KEY)) {
            String prefix = "user." + name + ".";
            AuthProtocol auth = choice(prefix + "auth.protocol", text(raw, prefix + "auth.protocol"), AuthProtocol.values(),
                    a -> a.text, problems);
            PrivProtocol priv = choice(prefix + "priv.protocol", text(raw, prefix + "priv.protocol"), PrivProtocol.values(),
                    p -> p.text, problems);
            String authPassword = password(raw, prefix + "auth.password", problems);
            String privPassword = password(raw, prefix + "priv.password", problems);
            users.put(name, new User(name, auth, authPassword, priv, privPassword));
        }
        return users;
    }

    private static List<Target> targets(Map<String, ?> raw, Map<String, User> users, KeyProblems problems) {
        return names(raw, TARGET_KEY).stream().map(name -> {
            String prefix = "target." + name + ".";
            String address = text(raw, prefix + "address");
            InetAddress host = null;
            int port = 0;
            int colon = address.lastIndexOf(':');
            if (address.isEmpty()) {
                problems.add(prefix + "address", "missing required key");
            } else if (colon < 1 || !address.substring(colon + 1).matches("\\d{1,5}")
                    || Integer.parseInt(address.substring(colon + 1)) > 65535
                    || Integer.parseInt(address.substring(colon + 1)) < 1) {
                problems.add(prefix + "address", address, "must be IP:PORT (an IPv6 address in brackets)");
            } else {
                host = literal(prefix + "address", address.substring(0, colon), problems);
                port = Integer.parseInt(address.substring(colon + 1));
            }
            Version version = choice(prefix + "version", text(raw, prefix + "version", "v2c"), Version.values(),
                    v -> v.name().toLowerCase(Locale.ROOT), problems);
            Kind kind = choice(prefix + "type", text(raw, prefix + "type", "trap"), Kind.values(),
                    k -> k.name().toLowerCase(Locale.ROOT), problems);
            String community = text(raw, prefix + "community");
            String userName = text(raw, prefix + "user");
            Optional<User> user = Optional.empty();
            if (version == Version.V2C && community.isEmpty()) {
                problems.add(prefix + "community", "a v2c target needs a community");
            }
            if (version == Version.V3) {
                user = Optional.ofNullable(users.get(userName));
                if (user.isEmpty()) {
                    problems.add(prefix + "user", userName, userName.isEmpty() ? "a v3 target needs a user"
                            : "no user." + userName + ".* keys define this user");
                }
            }
            long timeout = number(raw, prefix + "timeout.ms", 1500, 10, 60_000, problems);
            int retries = (int) number(raw, prefix + "retries", 2, 0, 10, problems);
            return new Target(name, host, port, version, kind, community, user, Duration.ofMillis(timeout), retries);
        }).toList();
    }

    private static List<String> names(Map<String, ?> raw, Pattern key) {
        return raw.keySet().stream().map(key::matcher).filter(Matcher::matches).map(m -> m.group(1)).distinct().sorted()
                .toList();
    }

    private static String text(Map<String, ?> raw, String key) {
        return text(raw, key, "");
    }

    private static String text(Map<String, ?> raw, String key, String fallback) {
        Object value = raw.get(key);
        return value == null || value.toString().isBlank() ? fallback : value.toString().trim();
    }

    private static <E> E choice(String key, String value, E[] values, java.util.function.Function<E, String> text,
                                KeyProblems problems) {
        for (E e : values) {
            if (text.apply(e).equalsIgnoreCase(value)) {
                return e;
            }
        }
        List<String> known = java.util.Arrays.stream(values).map(text).toList();
        if (value.isEmpty()) {
            problems.add(key, "missing required key (one of " + String.join(", ", known) + ")");
        } else {
            problems.add(key, value, "must be one of " + String.join(", ", known));
        }
        return values[0];
    }

    /** USM needs at least 8 characters; the value is never shown. */
    private static String password(Map<String, ?> raw, String key, KeyProblems problems) {
        String value = text(raw, key);
        if (value.isEmpty()) {
            problems.add(key, "missing required key");
        } else if (value.length() < 8) {
            problems.add(key, "must have at least 8 characters");
        }
        return value;
    }

    private static long number(Map<String, ?> raw, String key, long fallback, long min, long max, KeyProblems problems) {
        String value = text(raw, key);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            return problems.within(key, Long.parseLong(value), min, max);
        } catch (NumberFormatException e) {
            problems.add(key, value, "not a whole number");
            return fallback;
        }
    }

    /** An IP address written as such (never a name: no lookup may hold a configuration up). */
    private static InetAddress literal(String key, String text, KeyProblems problems) {
        String bare = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        boolean literal = IPV4.matcher(bare).matches() || bare.contains(":") && bare.matches("[0-9A-Fa-f:.]+");
        try {
            if (literal) {
                return InetAddress.getByName(bare);
            }
        } catch (UnknownHostException e) {
            // not an address after all
        }
        problems.add(key, text, "must be an IP address");
        return null;
    }

    private static byte[] engineId(String text, KeyProblems problems) {
        if (text.isEmpty()) {
            return NotificationSender.defaultEngineId();
        }
        String hex = text.startsWith("0x") || text.startsWith("0X") ? text.substring(2) : text;
        try {
            byte[] id = HexFormat.of().parseHex(hex);
            if (id.length >= 5 && id.length <= 32) {
                return id;
            }
        } catch (IllegalArgumentException e) {
            // told below
        }
        problems.add("engine.id", text, "must be 5 to 32 bytes in hex");
        return new byte[0];
    }
}
