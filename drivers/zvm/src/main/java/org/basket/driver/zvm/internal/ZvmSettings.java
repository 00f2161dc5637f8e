package org.basket.driver.zvm.internal;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.basket.api.config.ConfigException;
import org.basket.api.config.KeyProblems;
import org.basket.api.config.StrictConfig;
import org.basket.api.driver.DriverConfig;
import org.basket.api.driver.DriverException;
import org.basket.driver.http.HttpsConfig;
import org.basket.driver.http.HttpsSettings;
import org.basket.driver.http.HttpsUrl;

/**
 * A z/VM endpoint's configuration ({@link ZvmConfig} and {@link HttpsConfig}), read. The admin tokens are kept here
 * only; they are never part of a message or {@link #toString()}.
 */
record ZvmSettings(String endpoint, Map<String, Member> members, HttpsSettings https, Duration startTimeout,
                   long maxTotalSeconds, long maxQuiesceSeconds) {

    /** One SSI member: its system identifier (Basket's host address), its connector's URL, the connector's own userid. */
    record Member(String system, URI url, String zccUserid, String adminToken) {
        @Override
        public String toString() {
            return system + "=" + url + (zccUserid.isEmpty() ? "" : " (connector " + zccUserid + ")");
        }
    }

    private static final Pattern MEMBER_KEY = Pattern.compile(ZvmConfig.ONE_MEMBER);

    /**
     * Reads {@link ZvmConfig} and {@link HttpsConfig} strictly; a bad key is a DriverException naming the endpoint,
     * every bad key and value.
     */
    static ZvmSettings parse(DriverConfig config) throws DriverException {
        try {
            return read(config.name(), config);
        } catch (ConfigException e) {
            throw new DriverException(e.describe("driver '" + config.name() + "'"));
        }
    }

    private static ZvmSettings read(String endpoint, DriverConfig config) throws ConfigException {
        KeyProblems problems = new KeyProblems();
        ZvmConfig c = StrictConfig.read(ZvmConfig.class, config.properties(), problems, HttpsConfig.class);
        Map<String, Map<String, String>> byMember = new TreeMap<>();
        config.properties().forEach((key, value) -> {
            Matcher m = MEMBER_KEY.matcher(key);
            if (m.matches()) {
                byMember.computeIfAbsent(m.group(1).toUpperCase(Locale.ROOT), s -> new TreeMap<>()).put(m.group(2), value.trim());
            }
        });
        Map<String, Member> members = new TreeMap<>();
        byMember.forEach((system, keys) -> {
            String prefix = "member." + system + ".";
            URI url = url(problems, prefix + "url", keys.get("url"));
            String token = keys.getOrDefault("admin.token", c.admin_token());
            if (token.isEmpty()) {
                problems.add("admin.token", "must not be empty (member " + system + " has no admin token)");
            }
            members.put(system, new Member(system, url, keys.getOrDefault("zcc.userid", "").toUpperCase(Locale.ROOT), token));
        });
        if (members.isEmpty()) {
            problems.add("member.<SYSTEM>.url", "no member: give each SSI member's connector, e.g. member.ZVM1.url = https://zcc1.example.org");
        }
        HttpsSettings https = HttpsSettings.read(config.properties(), problems);
        Duration start = Duration.ofMillis(problems.within("start.timeout.ms", c.start_timeout_ms(), 1_000, 3_600_000));
        long total = limit(problems, "relocation.max.total.s", c.relocation_max_total_s());
        long quiesce = limit(problems, "relocation.max.quiesce.s", c.relocation_max_quiesce_s());
        problems.throwIfAny();
        return new ZvmSettings(endpoint, Map.copyOf(members), https, start, total, quiesce);
    }

    private static long limit(KeyProblems problems, String key, long seconds) {
        return seconds == -1 ? -1 : problems.within(key, seconds, 1, 86_400);
    }

    private static URI url(KeyProblems problems, String key, String text) {
        if (text == null) {
            problems.add(key, "missing: each member needs its connector's URL");
            return null;
        }
        return HttpsUrl.read(problems, key, text, "https://zcc1.example.org");
    }

    /** How long one call may wait for its answer ({@code call.timeout.ms}). */
    Duration callTimeout() {
        return https.callTimeout();
    }

    /** How long a relocation call may wait: MAXTOTAL plus the call timeout, or a day without a limit. */
    Duration relocationTimeout() {
        return maxTotalSeconds < 0 ? Duration.ofDays(1) : callTimeout().plusSeconds(maxTotalSeconds);
    }

    @Override
    public String toString() {
        return "ZvmSettings[members=" + members.values() + ", admin.token=****, " + https + ", startTimeout=" + startTimeout
                + ", maxTotal=" + maxTotalSeconds + " s, maxQuiesce=" + maxQuiesceSeconds + " s]";
    }
}
