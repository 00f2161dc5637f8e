package org.basket.driver.libvirt.internal;

import org.libvirt.ConnectAuth;

/**
 * Answers libvirt's credential prompts from the configuration, never from a terminal. Without
 * configured credentials every prompt is refused, so the connection fails instead of hanging.
 */
final class Credentials extends ConnectAuth {
    private final String username;
    private final String password;

    Credentials(String username, String password) {
        this.username = username;
        this.password = password;
        credType = new CredentialType[] { CredentialType.VIR_CRED_AUTHNAME, CredentialType.VIR_CRED_USERNAME,
            CredentialType.VIR_CRED_PASSPHRASE, CredentialType.VIR_CRED_NOECHOPROMPT };
    }

    @Override
    public int callback(Credential[] prompts) {
        int result = 0;
        for (Credential prompt : prompts) {
            String answer = switch (prompt.type) {
                case VIR_CRED_AUTHNAME, VIR_CRED_USERNAME -> username;
                case VIR_CRED_PASSPHRASE, VIR_CRED_NOECHOPROMPT -> password;
                default -> "";
            };
            // libvirt-java copies every result back, refused ones too
            prompt.result = answer;
            if (answer.isEmpty()) {
                result = -1;
            }
        }
        return result;
    }

    @Override
    public String toString() {
        return "Credentials[" + username + "]";
    }
}
