package org.basket.agents.shell;

import java.nio.file.Path;
import java.util.Optional;

import org.apache.karaf.shell.api.action.Option;
import org.basket.installer.HostKeyPolicy;
import org.basket.installer.InstallProgressListener;
import org.basket.installer.InstallRequest;
import org.basket.installer.InstallStep;
import org.basket.installer.SshTarget;
import org.basket.shell.support.HaCommand;

/** The SSH options of ha:agent-install and ha:agent-uninstall, and the progress lines both print. */
abstract class SshCommand extends HaCommand {

    @Option(name = "--ssh", description = "user@address of the guest to log in to", required = true)
    String ssh;

    @Option(name = "--key", description = "Private key file (default: the user's ~/.ssh/id_* keys)")
    String key;

    @Option(name = "--port", description = "SSH port (default 22)")
    int port = SshTarget.DEFAULT_PORT;

    @Option(name = "--host-key", description = "Accept only the host key with this fingerprint (SHA256:..., as ssh-keygen -l prints it)")
    String hostKey;

    @Option(name = "--known-hosts", description = "known_hosts file that lists the guest's host key (default ~/.ssh/known_hosts)")
    String knownHosts;

    @Option(name = "--root", description = "The guest's root directory to install under (default /; another one is a staging directory where nothing is started)")
    String root = InstallRequest.DEFAULT_TARGET_ROOT;

    SshTarget target() {
        if (hostKey != null && knownHosts != null) {
            throw new IllegalArgumentException("give --host-key or --known-hosts, not both");
        }
        HostKeyPolicy policy = hostKey != null ? HostKeyPolicy.pinned(hostKey)
                : knownHosts != null ? HostKeyPolicy.knownHosts(Path.of(knownHosts)) : HostKeyPolicy.userKnownHosts();
        return SshTarget.parse(ssh, port, Optional.ofNullable(key).map(Path::of), policy);
    }

    /** Prints each step as it starts and finishes. */
    InstallProgressListener progress() {
        return new InstallProgressListener() {
            @Override
            public void started(InstallStep step, String detail) {
                out.println("... " + step.description() + " (" + detail + ")");
            }

            @Override
            public void finished(InstallStep step, String detail) {
                out.println("ok  " + step.description() + (detail.isBlank() ? "" : ": " + detail));
            }
        };
    }
}
