package org.basket.installer;

import java.net.SocketAddress;
import java.nio.file.Path;
import java.security.PublicKey;
import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.digest.BuiltinDigests;

/**
 * Accepts the server's host key only as the policy allows, and remembers why it refused one, with the
 * presented fingerprint, so the operator can check it and pin it.
 */
final class HostKeyVerifier implements ServerKeyVerifier {

    private final HostKeyPolicy policy;
    private final ServerKeyVerifier knownHosts;
    private volatile String refusal;

    HostKeyVerifier(HostKeyPolicy policy) {
        this.policy = policy;
        this.knownHosts = policy instanceof HostKeyPolicy.KnownHosts known ? knownHostsVerifier(known.file()) : null;
    }

    static String fingerprint(PublicKey key) {
        return KeyUtils.getFingerPrint(BuiltinDigests.sha256, key);
    }

    @Override
    public boolean verifyServerKey(ClientSession session, SocketAddress remote, PublicKey key) {
        if (policy instanceof HostKeyPolicy.PinnedFingerprint pinned) {
            String presented = fingerprint(key);
            return pinned.fingerprint().equals(presented)
                    || refuse("host key mismatch: the server presented " + presented + " but " + pinned.fingerprint() + " is pinned");
        }
        return knownHosts.verifyServerKey(session, remote, key);
    }

    /** Why the host key was refused, or null if it was not. */
    String refusal() {
        return refusal;
    }

    private ServerKeyVerifier knownHostsVerifier(Path file) {
        KnownHostsServerKeyVerifier verifier = new KnownHostsServerKeyVerifier((session, remote, key) -> refuse(
                "host key unknown: " + file + " has no entry for this host; the server presented " + fingerprint(key)
                        + " - compare it with ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub on the guest's console, then pin it"), file);
        verifier.setModifiedServerKeyAcceptor((session, remote, entry, expected, actual) -> refuse(
                "host key mismatch: " + file + " expects " + fingerprint(expected) + " but the server presented " + fingerprint(actual)));
        return verifier;
    }

    private boolean refuse(String reason) {
        refusal = reason;
        return false;
    }
}
