package org.basket.api.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class StrictConfigTest {

    @interface Sample {
        String host();

        int cpus() default 1;

        long memory_mb() default 1024;

        boolean enabled() default true;

        String[] attributes() default {};

        String password() default "";
    }

    @Test
    void keysFollowDeclarativeServicesNaming() {
        assertEquals("memory.mb", StrictConfig.keyOf("memory_mb"));
        assertEquals("with", StrictConfig.keyOf("with$"));
        assertEquals("a_b", StrictConfig.keyOf("a__b"));
        assertEquals("anti-affinity", StrictConfig.keyOf("anti$_$affinity"));
        assertEquals(List.of("attributes", "cpus", "enabled", "host", "memory.mb", "password"),
                List.copyOf(StrictConfig.keys(Sample.class)));
    }

    @Test
    void defaultsAndConversions() throws ConfigException {
        Sample s = StrictConfig.read(Sample.class, Map.of("host", "h1", "cpus", " 3 ", "enabled", "no",
                "attributes", "a=1, b=2"));
        assertEquals(3, s.cpus());
        assertEquals(1024, s.memory_mb());
        assertFalse(s.enabled());
        assertArrayEquals(new String[] {"a=1", "b=2"}, s.attributes());
    }

    @Test
    void missingRequiredKeyIsNamed() {
        ConfigException e = assertThrows(ConfigException.class, () -> StrictConfig.read(Sample.class, Map.of()));
        assertEquals("host", e.key());
        assertEquals("etc/x.cfg: key 'host': missing required key", e.describe("etc/x.cfg"));
    }

    @Test
    void everyBadKeyIsNamedWithItsValueInOneFormat() {
        ConfigException e = assertThrows(ConfigException.class, () -> StrictConfig.read(Sample.class,
                Map.of("hots", "h1", "cpus", "two", "enabled", "maybe")));
        assertEquals("x.cfg: key 'hots': unknown key (known keys: attributes, cpus, enabled, host, memory.mb,"
                + " password); key 'cpus': not a whole number: 'two'; key 'enabled': not true or false: 'maybe';"
                + " key 'host': missing required key", e.describe("x.cfg"));
        assertEquals(List.of(new KeyProblem("cpus", "two", "not a whole number"),
                new KeyProblem("enabled", "maybe", "not true or false")), e.problems().subList(1, 3));
    }

    @Test
    void neitherASecretsValueNorAMisspeltOnesIsShown() {
        ConfigException e = assertThrows(ConfigException.class, () -> StrictConfig.read(Sample.class,
                Map.of("host", "h1", "pasword", "hunter2")));
        assertEquals("pasword", e.key());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
        assertEquals("password: must not be empty: '****'",
                "password: " + new KeyProblem("password", "hunter2", "must not be empty").text());
    }

    @KeyPatterns("host\\.(.+)\\.cpus")
    @interface PerHost {
        long cpus() default 16;
    }

    @Test
    void keysOfItsPatternsAreLeftToTheReader() throws ConfigException {
        Map<String, String> raw = Map.of("cpus", "8", "host.node3.cpus", "4");
        assertEquals(8, StrictConfig.read(PerHost.class, raw).cpus());
        ConfigException e = assertThrows(ConfigException.class, () -> StrictConfig.read(PerHost.class,
                Map.of("host.node3.cpu", "4")));
        assertEquals("unknown key (known keys: cpus, and keys matching host\\.(.+)\\.cpus)", e.getMessage());
    }

    @interface Control {
        String start() default "";

        int start_timeout_ms() default 30_000;
    }

    @Test
    void aConfigurationTwoTypesDeclareTogetherKnowsTheKeysOfBoth() throws ConfigException {
        Map<String, String> raw = Map.of("cpus", "8", "start", "/bin/true", "start.timeout.ms", "5");
        assertEquals(8, StrictConfig.read(PerHost.class, raw, Control.class).cpus());
        assertEquals(5, StrictConfig.read(Control.class, raw, true).start_timeout_ms());
        ConfigException e = assertThrows(ConfigException.class, () -> StrictConfig.read(PerHost.class,
                Map.of("stat", "/bin/true"), Control.class));
        assertEquals("unknown key (known keys: cpus, start, start.timeout.ms, and keys matching host\\.(.+)\\.cpus)",
                e.getMessage());
    }

    @Test
    void aReaderChecksItsOwnRulesOnTheRestAndNamesEveryBadKeyOnce() {
        KeyProblems problems = new KeyProblems();
        Sample s = StrictConfig.read(Sample.class, Map.of("cpus", "two", "memory_mb", "0"), problems);
        problems.within("cpus", s.cpus(), 1, 64);
        problems.within("memory.mb", s.memory_mb(), 1, Long.MAX_VALUE);
        problems.add("host", s.host(), "must not be empty");
        ConfigException e = assertThrows(ConfigException.class, problems::throwIfAny);
        assertEquals("x.cfg: key 'memory_mb': unknown key (known keys: attributes, cpus, enabled, host, memory.mb,"
                + " password); key 'cpus': not a whole number: 'two'; key 'host': missing required key",
                e.describe("x.cfg"));
    }

    @Test
    void rangesAreCheckedWithTheValue() {
        KeyProblems problems = new KeyProblems();
        assertEquals(70000, problems.within("port", 70000, 0, 65535));
        problems.within("timeout.ms", 5, 1, Long.MAX_VALUE);
        ConfigException e = assertThrows(ConfigException.class, problems::throwIfAny);
        assertEquals("org.basket.agents: key 'port': must be from 0 to 65535: '70000'", e.describe("org.basket.agents"));
    }

    @Test
    void frameworkKeysAreIgnoredAndTheSourceIsTheFileName() throws ConfigException {
        Map<String, Object> raw = Map.of("host", "h1", "service.pid", "x", "felix.fileinstall.filename",
                "file:/opt/etc/org.basket.x.cfg", "component.name", "z", "component.id", 1L);
        StrictConfig.read(Sample.class, raw);
        assertEquals("org.basket.x.cfg", StrictConfig.source("org.basket.x", raw));
        assertEquals("org.basket.x", StrictConfig.source("org.basket.x", Map.of()));
    }
}
