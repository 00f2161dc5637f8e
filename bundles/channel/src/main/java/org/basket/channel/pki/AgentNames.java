package org.basket.channel.pki;

import java.security.cert.X509Certificate;
import java.util.regex.Pattern;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/** An agent's identity is the common name of its certificate: letters, digits, '.', '_' and '-'. */
public final class AgentNames {
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

    private AgentNames() {
    }

    public static String requireValid(String name) {
        if (name == null || !VALID.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid agent name '" + name
                    + "': 1 to 63 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        return name;
    }

    /** The certificate's common name. */
    public static String of(X509Certificate certificate) {
        String subject = certificate.getSubjectX500Principal().getName();
        try {
            for (Rdn rdn : new LdapName(subject).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return rdn.getValue().toString();
                }
            }
        } catch (InvalidNameException e) {
            throw new IllegalArgumentException("unreadable certificate subject " + subject, e);
        }
        throw new IllegalArgumentException("certificate subject without a common name: " + subject);
    }
}
