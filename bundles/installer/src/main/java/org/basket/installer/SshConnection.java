package org.basket.installer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyPair;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.client.session.ClientSession.ClientSessionEvent;
import org.apache.sshd.common.SshException;
import org.apache.sshd.scp.client.ScpClient;
import org.apache.sshd.scp.client.ScpClientCreator;

/** One authenticated SSH session to the guest, with its own client: commands, uploads, then close. */
final class SshConnection implements AutoCloseable {

    private final SshTarget target;
    private final Duration timeout;
    private final SshClient client;
    private final HostKeyVerifier hostKeyVerifier;
    private ClientSession session;

    SshConnection(SshTarget target, Duration timeout) {
        this.target = target;
        this.timeout = timeout;
        this.hostKeyVerifier = new HostKeyVerifier(target.hostKeyPolicy());
        this.client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(hostKeyVerifier);
        client.setUserAuthFactories(List.of(UserAuthPublicKeyFactory.INSTANCE));
        client.start();
    }

    /** Opens the connection and completes the key exchange; returns the accepted host key's fingerprint. */
    String connect() throws InstallException {
        try {
            session = client.connect(target.user(), target.host(), target.port()).verify(timeout).getSession();
            Set<ClientSessionEvent> state = session.waitFor(
                    EnumSet.of(ClientSessionEvent.WAIT_AUTH, ClientSessionEvent.AUTHED, ClientSessionEvent.CLOSED), timeout);
            if (hostKeyVerifier.refusal() != null) {
                throw failure(InstallStep.CONNECT, hostKeyVerifier.refusal(), null);
            }
            if (state.contains(ClientSessionEvent.CLOSED) || state.contains(ClientSessionEvent.TIMEOUT)) {
                throw failure(InstallStep.CONNECT, "the server closed the connection during the key exchange", null);
            }
            return HostKeyVerifier.fingerprint(session.getServerKey());
        } catch (IOException e) {
            if (hostKeyVerifier.refusal() != null) {
                throw failure(InstallStep.CONNECT, hostKeyVerifier.refusal(), e);
            }
            throw failure(InstallStep.CONNECT, connectionProblem(e), e);
        }
    }

    /** Public-key authentication with the given keys only: no passwords, nothing interactive. */
    void authenticate() throws InstallException {
        List<KeyPair> keys;
        try {
            keys = ClientKeys.load(target.privateKey());
        } catch (IOException e) {
            throw failure(InstallStep.AUTHENTICATE, e.getMessage(), e);
        }
        keys.forEach(session::addPublicKeyIdentity);
        try {
            session.auth().verify(timeout);
        } catch (IOException e) {
            String keyNames = target.privateKey().map(Path::toString).orElse("the default ~/.ssh/id_* keys");
            throw failure(InstallStep.AUTHENTICATE, "the server refused user " + target.user() + " with " + keyNames
                    + " (" + e.getMessage() + ")", e);
        }
    }

    RemoteResult run(String command, byte[] stdin, Duration commandTimeout) throws IOException {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        try (ChannelExec channel = session.createExecChannel(command)) {
            channel.setOut(stdout);
            channel.setErr(stderr);
            channel.open().verify(timeout);
            try (OutputStream in = channel.getInvertedIn()) {
                in.write(stdin);
            }
            Set<ClientChannelEvent> events = channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), commandTimeout);
            if (events.contains(ClientChannelEvent.TIMEOUT)) {
                throw new IOException("no answer within " + commandTimeout.toSeconds() + " s");
            }
            Integer exitStatus = channel.getExitStatus();
            if (exitStatus == null) {
                throw new IOException("the command ended without an exit status" + signal(channel));
            }
            return new RemoteResult(exitStatus, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8));
        }
    }

    void upload(Path file, String remotePath) throws IOException {
        scp().upload(file, remotePath);
    }

    void upload(byte[] content, String remotePath, Set<PosixFilePermission> permissions) throws IOException {
        scp().upload(content, remotePath, permissions, null);
    }

    InstallException failure(InstallStep step, String reason, Throwable cause) {
        return new InstallException(target.describe(), step, reason, cause);
    }

    @Override
    public void close() {
        try {
            if (session != null) {
                session.close(true);
            }
        } finally {
            client.stop();
        }
    }

    private ScpClient scp() {
        return ScpClientCreator.instance().createScpClient(session);
    }

    private static String signal(ChannelExec channel) {
        return channel.getExitSignal() == null ? "" : " (killed by signal " + channel.getExitSignal() + ")";
    }

    private static String connectionProblem(IOException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException) {
                return "connection refused (" + cause.getMessage() + ")";
            }
        }
        return e instanceof SshException && e.getMessage() != null ? e.getMessage() : String.valueOf(e);
    }
}
