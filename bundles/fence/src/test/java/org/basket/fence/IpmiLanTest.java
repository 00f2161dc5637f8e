/*
 * BMC simulator: ipmi_sim (Debian openipmi), started once for this class on 127.0.0.1 and a free UDP port:
 *   ipmi_sim -c lan.conf -f bmc.emu -s STATE_DIR -n        (-n: no console on stdin; -s: no /var/ipmi_sim)
 * lan.conf:
 *   name "basket-bmc"
 *   startlan 1
 *     addr 127.0.0.1 PORT
 *     priv_limit admin
 *     allowed_auths_admin md5
 *     guid a123456789abcdefa123456789abcdef      (without a GUID every lanplus session fails)
 *   endlan
 *   chassis_control "DIR/chassis.sh DIR/power"    (split on spaces; called with "get power" / "set power 0|1")
 *   user 2 true "admin" "PASSWORD" admin 10 md5
 * bmc.emu: mc_setbmc 0x20 / mc_add 0x20 0 no-device-sdrs 0x23 9 8 0x9f 0x1291 0xf02 / mc_enable 0x20
 * chassis.sh answers "power:" + the power file and writes 0 or 1 into it, so the power state really flips.
 * fence_ipmilan runs lanplus=1 cipher=3: status ~0.2 s, off or on ~2.4 s (the agent waits, then confirms).
 * Without a cipher lanplus probes for ~14 s; plain lan is as fast but a wrong password takes ~8 s to fail.
 * Ready when the UDP port is taken (ipmi_sim prints nothing); stopped by PID in @AfterAll.
 */
package org.basket.fence;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.basket.api.fence.PowerState;
import org.basket.testsupport.LogFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class IpmiLanTest {
    private static final String USER = "admin";
    private static final String PASSWORD = "Bmc-s3cret-7f2a";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String CHASSIS_SCRIPT = """
            #!/bin/sh
            state=$1
            case "$2 $3" in
              "get power") echo "power:$(cat "$state")" ;;
              "set power") echo "$4" > "$state" ;;
            esac
            """;

    @TempDir
    static Path directory;

    private static Process simulator;
    private static int port;
    private static Path power;

    @BeforeAll
    static void startBmcSimulator() throws Exception {
        port = freeUdpPort();
        power = directory.resolve("power");
        Path chassis = directory.resolve("chassis.sh");
        Files.writeString(chassis, CHASSIS_SCRIPT);
        Files.setPosixFilePermissions(chassis, PosixFilePermissions.fromString("rwx------"));
        Files.writeString(directory.resolve("lan.conf"), """
                name "basket-bmc"
                startlan 1
                  addr 127.0.0.1 %d
                  priv_limit admin
                  allowed_auths_admin md5
                  guid a123456789abcdefa123456789abcdef
                endlan
                chassis_control "%s %s"
                user 2 true "%s" "%s" admin 10 md5
                """.formatted(port, chassis, power, USER, PASSWORD));
        Files.writeString(directory.resolve("bmc.emu"), """
                mc_setbmc 0x20
                mc_add 0x20 0 no-device-sdrs 0x23 9 8 0x9f 0x1291 0xf02
                mc_enable 0x20
                """);
        Path state = Files.createDirectory(directory.resolve("state"));
        Path log = directory.resolve("ipmi_sim.log");
        simulator = new ProcessBuilder("ipmi_sim", "-c", "lan.conf", "-f", "bmc.emu", "-s", state.toString(), "-n")
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        await("ipmi_sim listening on 127.0.0.1:" + port).atMost(Duration.ofSeconds(10)).until(() -> {
            assertTrue(simulator.isAlive(), () -> "ipmi_sim exited: " + readQuietly(log));
            return !isFree(port);
        });
    }

    @AfterAll
    static void stopBmcSimulator() throws InterruptedException {
        if (simulator != null) {
            simulator.destroy();
            if (!simulator.waitFor(5, TimeUnit.SECONDS)) {
                simulator.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    @BeforeEach
    void powerOn() throws IOException {
        Files.writeString(power, "1\n");
    }

    @Test
    void statusIsOn() throws Exception {
        assertEquals(PowerState.ON, device(PASSWORD).status());
    }

    @Test
    void powerOffCutsTheChassisAndPowerOnRestoresIt() throws Exception {
        FenceAgentDevice device = device(PASSWORD);

        device.powerOff();
        assertEquals("0", Files.readString(power).trim());
        assertEquals(PowerState.OFF, device.status());

        device.powerOn();
        assertEquals("1", Files.readString(power).trim());
        assertEquals(PowerState.ON, device.status());
    }

    @Test
    void wrongPasswordIsReportedAsWrongCredentialsWithoutThePassword() throws Exception {
        String wrongPassword = "Wrong-pw-19c4";
        FenceAgentException e = assertThrows(FenceAgentException.class, () -> device(wrongPassword).status());

        assertEquals(FenceFailure.WRONG_CREDENTIALS, e.failure());
        assertTrue(e.getMessage().startsWith("fence_ipmilan:127.0.0.1:" + port + " status: wrong credentials"), e.getMessage());
        assertTrue(e.getMessage().contains("RAKP 2 HMAC is invalid"), e.getMessage());
        assertFalse(e.getMessage().contains(wrongPassword), e.getMessage());
        assertTrue(LogFile.lines().stream().noneMatch(line -> line.contains(wrongPassword) || line.contains(PASSWORD)));
        assertEquals("1", Files.readString(power).trim());
    }

    @Test
    void unknownUserIsReportedAsWrongCredentials() throws Exception {
        Map<String, String> parameters = new HashMap<>(parameters(PASSWORD));
        parameters.put("username", "intruder");
        FenceAgentException e = assertThrows(FenceAgentException.class,
                () -> new FenceAgentDevice(FenceAgent.locate("fence_ipmilan"), parameters, TIMEOUT).powerOff());

        assertEquals(FenceFailure.WRONG_CREDENTIALS, e.failure());
        assertTrue(e.getMessage().contains("unauthorized name"), e.getMessage());
        assertEquals("1", Files.readString(power).trim());
    }

    @Test
    void unreachablePortFailsWithinTheAgentsPowerTimeout() throws Exception {
        Map<String, String> parameters = new HashMap<>(parameters(PASSWORD));
        parameters.put("ipport", Integer.toString(freeUdpPort()));
        parameters.put("power_timeout", "3");
        FenceAgentDevice nowhere = new FenceAgentDevice(FenceAgent.locate("fence_ipmilan"), parameters, TIMEOUT);

        long start = System.nanoTime();
        FenceAgentException e = assertThrows(FenceAgentException.class, nowhere::status);
        long tookMillis = (System.nanoTime() - start) / 1_000_000;

        assertEquals(FenceFailure.UNREACHABLE, e.failure());
        assertTrue(e.getMessage().contains("device unreachable or not answering (agent said: Connection timed out)"), e.getMessage());
        assertTrue(tookMillis < 10_000, "took " + tookMillis + " ms");
    }

    @Test
    void nameAndToStringCarryNoCredentials() throws Exception {
        FenceAgentDevice device = device(PASSWORD);

        assertEquals("fence_ipmilan:127.0.0.1:" + port, device.name());
        assertFalse(device.toString().contains(PASSWORD), device.toString());
        assertTrue(device.toString().contains("password=******"), device.toString());
    }

    private static FenceAgentDevice device(String password) throws FenceAgentException {
        return new FenceAgentDevice(FenceAgent.locate("fence_ipmilan"), parameters(password), TIMEOUT);
    }

    private static Map<String, String> parameters(String password) {
        return Map.of("ip", "127.0.0.1", "ipport", Integer.toString(port), "username", USER, "password", password,
                "lanplus", "1", "cipher", "3");
    }

    private static int freeUdpPort() throws SocketException {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            return socket.getLocalPort();
        }
    }

    private static boolean isFree(int udpPort) {
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress("127.0.0.1", udpPort))) {
            return true;
        } catch (SocketException taken) {
            return false;
        }
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
