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
 * Debian's real {@code fence_zvmip}, run as the product runs agents, against the SMAPI simulator of member ZVM2 of the
 * Feilong simulator's world, over TLS verified against the simulator's certificate ({@code SSL_CERT_FILE}): it fences
 * one guest, not a member.
 */
class FenceZvmipTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private FeilongSimulator world;
    private SmapiSimulator smapi;
    private FenceAgent agent;

    @BeforeEach
    void start() throws Exception {
        HmcWebServicesSimulator.trustForAgents();
        world = FeilongSimulator.start(3, 6);
        smapi = SmapiSimulator.start(world, "ZVM2");
        agent = FenceAgent.locate("fence_zvmip");
    }

    @AfterEach
    void stop() throws Exception {
        smapi.close();
        world.close();
    }

    @Test
    void statusOffAndOnOfAGuest() throws Exception {
        Map<String, String> linux02 = smapi.agentParameters("LINUX02");
        assertEquals(PowerState.ON, agent.status(linux02, TIMEOUT));

        agent.run(FenceAction.OFF, linux02, TIMEOUT);

        assertTrue(smapi.calls().contains("Image_Deactivate LINUX02 IMMED"), smapi.calls().toString());
        assertNull(world.loggedOnAt("LINUX02"));
        assertEquals("ZVM2", world.loggedOnAt("LINUX05"), "only that guest");
        assertEquals(PowerState.OFF, agent.status(linux02, TIMEOUT));

        agent.run(FenceAction.ON, linux02, TIMEOUT);

        assertTrue(smapi.calls().contains("Image_Activate LINUX02"), smapi.calls().toString());
        assertEquals("ZVM2", world.loggedOnAt("LINUX02"));
        assertEquals(PowerState.ON, agent.status(linux02, TIMEOUT));
    }

    @Test
    void aWrongPasswordFailsWithoutShowingItAndFencesNothing() {
        String wrong = "wrong-Smapi-31";
        Map<String, String> parameters = new HashMap<>(smapi.agentParameters("LINUX02"));
        parameters.put("password", wrong);

        FenceAgentException e = assertThrows(FenceAgentException.class, () -> agent.run(FenceAction.OFF, parameters, TIMEOUT));

        assertTrue(e.getMessage().startsWith("fence_zvmip:127.0.0.1:" + smapi.port() + "/LINUX02 off: "), e.getMessage());
        assertTrue(e.getMessage().contains("Unable to obtain correct plug status"), "fence_zvmip's words for any refusal: "
                + e.getMessage());
        assertFalse(e.getMessage().contains(wrong), e.getMessage());
        assertEquals(List.of(), smapi.calls());
        assertEquals("ZVM2", world.loggedOnAt("LINUX02"));
    }
}
