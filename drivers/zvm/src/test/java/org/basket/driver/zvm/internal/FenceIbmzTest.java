package org.basket.driver.zvm.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.basket.api.fence.PowerState;
import org.basket.fence.FenceAction;
import org.basket.fence.FenceAgent;
import org.basket.fence.FenceAgentException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Debian's real {@code fence_ibmz}, run as the product runs agents ({@link FenceAgent}: stdin parameters, masked
 * output), against the HMC Web Services API simulator whose LPARs are the Feilong simulator's members; TLS verified
 * against the simulator's certificate ({@code REQUESTS_CA_BUNDLE}), no {@code ssl_insecure}.
 */
class FenceIbmzTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private FeilongSimulator world;
    private HmcWebServicesSimulator hmc;
    private FenceAgent agent;

    @BeforeEach
    void start() throws Exception {
        HmcWebServicesSimulator.trustForAgents();
        world = FeilongSimulator.start(3, 6);
        hmc = HmcWebServicesSimulator.start(world);
        agent = FenceAgent.locate("fence_ibmz");
    }

    @AfterEach
    void stop() {
        hmc.close();
        world.close();
    }

    @Test
    void statusOffAndOnOfAMembersLpar() throws Exception {
        Map<String, String> zvm2 = hmc.agentParameters("ZVM2");
        assertEquals(PowerState.ON, agent.status(zvm2, TIMEOUT));
        assertEquals("ZVM2", world.loggedOnAt("LINUX02"));

        agent.run(FenceAction.OFF, zvm2, TIMEOUT);

        assertEquals(List.of("deactivate ZVM2LPAR"), hmc.operations());
        assertEquals("not-activated", hmc.status("ZVM2LPAR"));
        assertTrue(world.deactivated("ZVM2"));
        assertNull(world.loggedOnAt("LINUX02"), "the member's guests are logged off with it");
        assertNull(world.loggedOnAt("LINUX05"));
        assertEquals("ZVM1", world.loggedOnAt("LINUX01"), "other members untouched");
        assertEquals(PowerState.OFF, agent.status(zvm2, TIMEOUT));
        assertEquals(PowerState.ON, agent.status(hmc.agentParameters("ZVM1"), TIMEOUT));

        agent.run(FenceAction.ON, zvm2, TIMEOUT);

        assertEquals(List.of("deactivate ZVM2LPAR", "activate ZVM2LPAR", "load ZVM2LPAR"), hmc.operations());
        assertEquals("operating", hmc.status("ZVM2LPAR"));
        assertFalse(world.deactivated("ZVM2"));
        assertEquals(PowerState.ON, agent.status(zvm2, TIMEOUT));
        assertEquals(0, hmc.openSessions(), "every run logs off");
    }

    @Test
    void aWrongPasswordFailsClearlyWithoutShowingIt() {
        String wrong = "not-the-Password-77";
        Map<String, String> parameters = new HashMap<>(hmc.agentParameters("ZVM1"));
        parameters.put("password", wrong);

        FenceAgentException e = assertThrows(FenceAgentException.class, () -> agent.run(FenceAction.OFF, parameters, TIMEOUT));

        assertTrue(e.getMessage().contains("fence_ibmz:127.0.0.1:" + hmc.port() + "/CPC1/ZVM1LPAR off"), e.getMessage());
        assertTrue(e.getMessage().contains("Logon failed: the user ID or password is not valid"), e.getMessage());
        assertFalse(e.getMessage().contains(wrong), e.getMessage());
        assertFalse(e.getMessage().contains(HmcWebServicesSimulator.PASSWORD), e.getMessage());
        assertEquals(List.of(), hmc.operations());
        assertFalse(world.deactivated("ZVM1"));
    }

    @Test
    void anUnknownPartitionIsNamed() {
        Map<String, String> parameters = new HashMap<>(hmc.agentParameters("ZVM1"));
        parameters.put("plug", "CPC1/ZVM9LPAR");

        FenceAgentException e = assertThrows(FenceAgentException.class, () -> agent.run(FenceAction.OFF, parameters, TIMEOUT));

        assertTrue(e.getMessage().contains("LPAR/Partition ZVM9LPAR not found in this HMC"), e.getMessage());
        assertEquals(List.of(), hmc.operations());
        assertEquals(0, hmc.openSessions());
    }
}
