package org.basket.driver.libvirt.internal;

import java.nio.charset.StandardCharsets;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import org.libvirt.ConnectAuth;
import org.libvirt.jna.virConnectCredential;

/**
 * Answers libvirt's credential prompts from the configuration, never from a terminal. Without
 * configured credentials every prompt is refused, so the connection fails instead of hanging.
 *
 * <p>libvirt frees each answer it is given. libvirt-java 0.5.2 hands it memory that JNA frees again once
 * collected, and the JVM aborts some time later (glibc: double free); so the answers are written here into
 * memory from {@code malloc}, which only libvirt frees.
 */
final class Credentials extends ConnectAuth {
    static final int RESULT = Layout.offset("result");
    static final int RESULT_LENGTH = Layout.offset("resultlen");

    private final String username;
    private final String password;

    Credentials(String username, String password) {
        this.username = username;
        this.password = password;
        credType = new CredentialType[] { CredentialType.VIR_CRED_AUTHNAME, CredentialType.VIR_CRED_USERNAME,
            CredentialType.VIR_CRED_PASSPHRASE, CredentialType.VIR_CRED_NOECHOPROMPT };
    }

    @Override
    public int authCallback(virConnectCredential first, int count, Pointer data) {
        Structure[] prompts = first.toArray(count);
        int result = 0;
        for (Structure prompt : prompts) {
            String answer = answer(CredentialType.mapFromInt(((virConnectCredential) prompt).type));
            giveLibvirt(prompt.getPointer(), answer);
            prompt.setAutoWrite(false); // JNA would write the prompts back after this callback
            if (answer.isEmpty()) {
                result = -1;
            }
        }
        return result;
    }

    /** libvirt-java's own path, not taken: {@link #authCallback} answers instead. */
    @Override
    public int callback(Credential[] prompts) {
        throw new UnsupportedOperationException("answered by authCallback");
    }

    String answer(CredentialType type) {
        return switch (type) {
            case VIR_CRED_AUTHNAME, VIR_CRED_USERNAME -> username;
            case VIR_CRED_PASSPHRASE, VIR_CRED_NOECHOPROMPT -> password;
            default -> "";
        };
    }

    private static void giveLibvirt(Pointer prompt, String answer) {
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        Pointer copy = new Pointer(Native.malloc(bytes.length + 1L));
        copy.write(0, bytes, 0, bytes.length);
        copy.setByte(bytes.length, (byte) 0);
        prompt.setPointer(RESULT, copy);
        prompt.setInt(RESULT_LENGTH, bytes.length);
    }

    @Override
    public String toString() {
        return "Credentials[" + username + "]";
    }

    /** Where libvirt's {@code virConnectCredential} keeps a field, as JNA lays the structure out. */
    private static final class Layout extends virConnectCredential {
        static int offset(String field) {
            return new Layout().fieldOffset(field);
        }
    }
}
