package org.basket.installer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SshTargetTest {

    private final HostKeyPolicy pinned = HostKeyPolicy.pinned("SHA256:abc");

    @Test
    void parsesUserAtAddressAsTheShellCommandReceivesIt() {
        SshTarget target = SshTarget.parse("admin@10.0.0.5", 2222, Optional.of(Path.of("/keys/id")), pinned);

        assertEquals("admin", target.user());
        assertEquals("10.0.0.5", target.host());
        assertEquals("admin@10.0.0.5:2222", target.describe());
    }

    @Test
    void refusesAnAddressWithoutUserOrAPortOutOfRange() {
        assertThrows(IllegalArgumentException.class, () -> SshTarget.parse("10.0.0.5", 22, Optional.empty(), pinned));
        assertThrows(IllegalArgumentException.class, () -> SshTarget.parse("admin@", 22, Optional.empty(), pinned));
        assertThrows(IllegalArgumentException.class, () -> SshTarget.parse("admin@host", 0, Optional.empty(), pinned));
    }

    @Test
    void pinnedFingerprintsNeedTheirPrefixAndLoseBase64Padding() {
        assertEquals(new HostKeyPolicy.PinnedFingerprint("SHA256:abc"), HostKeyPolicy.pinned("SHA256:abc="));
        assertThrows(IllegalArgumentException.class, () -> HostKeyPolicy.pinned("abc"));
        assertThrows(IllegalArgumentException.class, () -> HostKeyPolicy.pinned("MD5:ab:cd"));
    }
}
