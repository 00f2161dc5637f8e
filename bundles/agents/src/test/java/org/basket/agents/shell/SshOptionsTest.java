package org.basket.agents.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Optional;

import org.basket.installer.HostKeyPolicy;
import org.basket.installer.SshTarget;
import org.junit.jupiter.api.Test;

class SshOptionsTest {

    @Test
    void aPinnedFingerprintOrAKnownHostsFileDecidesTheHostKey() {
        AgentUninstallCommand command = command("root@10.0.0.21");
        command.hostKey = "SHA256:abc";
        command.key = "/root/.ssh/id_ed25519";
        command.port = 2222;

        assertEquals(new SshTarget("root", "10.0.0.21", 2222, Optional.of(Path.of("/root/.ssh/id_ed25519")),
                HostKeyPolicy.pinned("SHA256:abc")), command.target());

        command.hostKey = null;
        command.knownHosts = "/etc/basket/known_hosts";
        assertEquals(HostKeyPolicy.knownHosts(Path.of("/etc/basket/known_hosts")), command.target().hostKeyPolicy());
    }

    @Test
    void withoutEitherTheUsersKnownHostsAreUsed() {
        assertEquals(HostKeyPolicy.userKnownHosts(), command("root@web").target().hostKeyPolicy());
    }

    @Test
    void bothAtOnceAreRefused() {
        AgentUninstallCommand command = command("root@web");
        command.hostKey = "SHA256:abc";
        command.knownHosts = "/etc/basket/known_hosts";

        assertEquals("give --host-key or --known-hosts, not both",
                assertThrows(IllegalArgumentException.class, command::target).getMessage());
    }

    @Test
    void theTargetMustBeUserAtAddress() {
        assertEquals("expected user@address, not web",
                assertThrows(IllegalArgumentException.class, command("web")::target).getMessage());
    }

    private static AgentUninstallCommand command(String ssh) {
        AgentUninstallCommand command = new AgentUninstallCommand();
        command.ssh = ssh;
        return command;
    }
}
