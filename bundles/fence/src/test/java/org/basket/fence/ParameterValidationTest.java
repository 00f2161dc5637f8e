package org.basket.fence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Validation against the metadata real agents print; fence_apc marks ip, username and plug as required. */
class ParameterValidationTest {
    private static AgentMetadata apc;
    private static AgentMetadata ipmilan;

    @BeforeAll
    static void readMetadata() throws Exception {
        apc = FenceAgent.locate("fence_apc").metadata();
        ipmilan = FenceAgent.locate("fence_ipmilan").metadata();
    }

    @Test
    void metadataDescribesParametersAndActions() {
        AgentParameter ip = ipmilan.parameter("ip").orElseThrow();
        assertEquals("ipaddr", ip.obsoletes());
        assertTrue(ipmilan.parameter("ipaddr").orElseThrow().deprecated());
        assertEquals("IP address or hostname of fencing device", ip.shortDescription());
        assertEquals("integer", ipmilan.parameter("ipport").orElseThrow().type());
        assertTrue(apc.parameter("plug").orElseThrow().required());
        assertTrue(ipmilan.supports(FenceAction.STATUS));
        assertTrue(ipmilan.actions().containsAll(List.of("on", "off", "reboot", "status", "monitor")));
    }

    @Test
    void deprecatedAliasesSatisfyRequiredParameters() {
        assertEquals(List.of(), apc.problems(Map.of("ip", "127.0.0.1", "username", "admin", "plug", "3")));
        assertEquals(List.of(), apc.problems(Map.of("ipaddr", "127.0.0.1", "login", "admin", "port", "3")));
    }

    @Test
    void everyProblemIsListed() {
        assertEquals(List.of("unknown parameter 'colour'",
                        "missing required parameter 'ip' (or its alias 'ipaddr')",
                        "missing required parameter 'plug' (or its alias 'port')",
                        "missing required parameter 'username' (or its alias 'login')"),
                apc.problems(Map.of("colour", "blue")));
    }

    @Test
    void givingBothAliasesIsRejected() {
        assertEquals(List.of("parameters 'ip' and 'ipaddr' are aliases: give only one"),
                ipmilan.problems(Map.of("ip", "127.0.0.1", "ipaddr", "127.0.0.2")));
    }

    @Test
    void actionAndLineBreaksCannotBeSmuggledIn() {
        assertEquals(List.of("parameter 'action' is chosen by the action to run"), ipmilan.problems(Map.of("action", "off")));
        assertEquals(List.of("parameter 'username' contains a line break"),
                ipmilan.problems(Map.of("username", "admin\naction=off")));
    }

    @Test
    void passwordLikeParametersAreSecret() {
        for (String name : List.of("password", "passwd", "password_script", "passwd_script", "hexadecimal_kg")) {
            assertTrue(ipmilan.isSecret(name), name);
        }
        assertTrue(ipmilan.isSecret("snmp_priv_passwd"), "unknown to this agent, secret by its name");
        assertFalse(ipmilan.isSecret("username"));
        assertFalse(ipmilan.isSecret("ip"));
    }

    @Test
    void validateNamesTheAgent() {
        FenceAgentException e = assertThrows(FenceAgentException.class,
                () -> FenceAgent.locate("fence_ipmilan").validate(Map.of("ip", "127.0.0.1", "lanpluss", "1")));
        assertEquals("fence_ipmilan: unknown parameter 'lanpluss'", e.getMessage());
    }
}
