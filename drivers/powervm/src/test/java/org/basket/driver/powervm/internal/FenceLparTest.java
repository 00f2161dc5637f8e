package org.basket.driver.powervm.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.basket.api.fence.PowerState;
import org.basket.fence.FenceAgent;
import org.basket.fence.FenceAgentDevice;
import org.basket.fence.FenceAgentException;
import org.basket.fence.FenceFailure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's real {@code fence_lpar} (fence-agents), run as Basket runs fence agents (bundles/fence), logging in by key
 * over a real sshd to the simulated HMC's command line ({@link HmcSsh}): the partition's power is the simulator's.
 */
class FenceLparTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path directory;
    private HmcSimulator hmc;
    private HmcSsh ssh;
    private FenceAgent agent;
    private String system;

    @BeforeEach
    void start() throws Exception {
        hmc = HmcSimulator.start(2, 2);
        ssh = hmc.startSsh(directory);
        agent = FenceAgent.locate("fence_lpar");
        system = hmc.systemNames().get(0);
    }

    @AfterEach
    void stop() throws Exception {
        try {
            ssh.close();
        } finally {
            hmc.close();
        }
    }

    @Test
    void statusOffAndOnActOnThePartitionInTheSimulator() throws Exception {
        FenceAgentDevice lpar = device(ssh.fenceLparParameters(system, "lpar0-1"));
        assertEquals(PowerState.ON, lpar.status());

        lpar.powerOff();

        assertEquals("not activated@" + system, hmc.where("lpar0-1"));
        assertEquals(PowerState.OFF, lpar.status());
        assertEquals("running@" + system, hmc.where("lpar0-0"), "only the plug is forced off");
        lpar.powerOn();
        assertEquals("running@" + system, hmc.where("lpar0-1"));
        assertEquals(PowerState.ON, lpar.status());
        assertEquals(List.of("lpar0-1 Not Activated by chsysstate -o shutdown", "lpar0-1 Running by chsysstate -o on"),
                hmc.history());
    }

    @Test
    void aPartitionAlreadyOffIsNotShutDownAgain() throws Exception {
        hmc.partitionState("lpar0-0", "not activated");
        FenceAgentDevice lpar = device(ssh.fenceLparParameters(system, "lpar0-0"));
        assertEquals(PowerState.OFF, lpar.status());
        lpar.powerOff();
        assertEquals(List.of(), hmc.history(), "no chsysstate sent");
    }

    @Test
    void aKeyTheHmcDoesNotAcceptIsAWrongCredential() throws Exception {
        Map<String, String> parameters = ssh.fenceLparParameters(system, "lpar0-0");
        parameters.put("identity_file", ssh.strangerKey().toString());
        FenceAgentException e = assertThrows(FenceAgentException.class, device(parameters)::powerOff);
        assertEquals(FenceFailure.WRONG_CREDENTIALS, e.failure(), e.getMessage());
        assertTrue(e.getMessage().startsWith("fence_lpar:127.0.0.1:" + ssh.port() + "/lpar0-0 off: "), e.getMessage());
        assertEquals("running@" + system, hmc.where("lpar0-0"));
    }

    @Test
    void aPartitionTheHmcDoesNotKnowIsAFailedStatusNotAnOffOne() throws Exception {
        FenceAgentException e = assertThrows(FenceAgentException.class,
                device(ssh.fenceLparParameters(system, "lpar9-9"))::status);
        assertTrue(e.getMessage().contains("unable to obtain correct plug status"), e.getMessage());
        FenceAgentException other = assertThrows(FenceAgentException.class,
                device(ssh.fenceLparParameters(system, "lpar1-0"))::status);
        assertTrue(other.getMessage().contains("unable to obtain correct plug status"), "a partition of another system: "
                + other.getMessage());
    }

    private FenceAgentDevice device(Map<String, String> parameters) {
        return new FenceAgentDevice(agent, parameters, TIMEOUT);
    }
}
