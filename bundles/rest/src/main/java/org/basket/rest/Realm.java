package org.basket.rest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Principal;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;

import org.apache.karaf.jaas.boot.principal.RolePrincipal;

/**
 * Logs users in through a JAAS realm ({@code karaf}: etc/users.properties, the shell's users). A successful login is
 * remembered for {@link #REMEMBERED_MS} by a digest of user and password, so that a client polling the API does not
 * cost a realm login per request; a changed password or role takes effect after at most that long.
 */
public class Realm {
    static final long REMEMBERED_MS = 10_000;
    private static final int MAX_REMEMBERED = 256;

    private final String name;
    private final Map<String, Login> remembered = new ConcurrentHashMap<>();

    private record Login(Set<Principal> principals, long until) {
    }

    public Realm(String name) {
        this.name = name;
    }

    /** The user's principals, or null when the realm refuses the user or password. */
    public Set<Principal> login(String user, String password) {
        String key = digest(user, password);
        long now = System.nanoTime() / 1_000_000;
        Login login = remembered.get(key);
        if (login != null && login.until - now > 0) {
            return login.principals;
        }
        Set<Principal> principals = jaas(user, password);
        if (principals != null) {
            if (remembered.size() >= MAX_REMEMBERED) {
                remembered.clear();
            }
            remembered.put(key, new Login(principals, now + REMEMBERED_MS));
        }
        return principals;
    }

    protected Set<Principal> jaas(String user, String password) {
        Subject subject = new Subject();
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(Realm.class.getClassLoader());
        try {
            LoginContext context = new LoginContext(name, subject, callbacks -> answer(callbacks, user, password));
            context.login();
            return Set.copyOf(subject.getPrincipals());
        } catch (LoginException e) {
            return null;
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    private static void answer(Callback[] callbacks, String user, String password) throws UnsupportedCallbackException {
        for (Callback callback : callbacks) {
            if (callback instanceof NameCallback named) {
                named.setName(user);
            } else if (callback instanceof PasswordCallback secret) {
                secret.setPassword(password.toCharArray());
            } else {
                throw new UnsupportedCallbackException(callback);
            }
        }
    }

    /** The names of the role principals among a user's principals. */
    static Set<String> roles(Set<Principal> principals) {
        return principals.stream().filter(RolePrincipal.class::isInstance).map(Principal::getName)
                .collect(Collectors.toSet());
    }

    private static String digest(String user, String password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(user.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            return HexFormat.of().formatHex(sha.digest(password.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
