package org.basket.northbound.cim;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.Principal;

import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;

/** Who may read: the one configured user, or the users of a JAAS realm (Karaf's {@code karaf} realm by default). */
interface CimLogin {
    boolean allows(String username, String password);

    static CimLogin of(CimSettings settings) {
        return settings.user().<CimLogin>map(user -> (name, password) -> same(user.username(), name)
                & same(user.password(), password)).orElseGet(() -> (name, password) -> jaas(settings, name, password));
    }

    private static boolean same(String expected, String given) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean jaas(CimSettings settings, String name, String password) {
        try {
            Subject subject = new Subject();
            LoginContext login = new LoginContext(settings.realm(), subject, callbacks -> {
                for (Callback callback : callbacks) {
                    if (callback instanceof NameCallback n) {
                        n.setName(name);
                    } else if (callback instanceof PasswordCallback p) {
                        p.setPassword(password.toCharArray());
                    } else {
                        throw new UnsupportedCallbackException(callback);
                    }
                }
            });
            login.login();
            boolean allowed = settings.role().isEmpty() || subject.getPrincipals().stream()
                    .filter(p -> p.getClass().getSimpleName().equals("RolePrincipal")).map(Principal::getName)
                    .anyMatch(settings.role()::equals);
            login.logout();
            return allowed;
        } catch (LoginException e) {
            return false;
        }
    }
}
