package org.basket.rest;

import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Base64;
import java.util.Set;
import java.util.stream.Collectors;

import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ResourceInfo;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.SecurityContext;

/**
 * HTTP Basic authentication against Karaf's JAAS realm (the users of the shell), then the role check of
 * {@link Needs}; also refuses request bodies, which no endpoint takes.
 */
public final class Authentication implements ContainerRequestFilter {
    static final String CHALLENGE = "Basic realm=\"Basket\", charset=\"UTF-8\"";
    private static final int MAX_BODY = 1024;
    private static final int MAX_CREDENTIALS = 2048;

    private final Realm realm;

    @Context
    ResourceInfo resource;

    public Authentication(Realm realm) {
        this.realm = realm;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getRequestUri().getPath();
        try {
            authenticate(request, path);
        } catch (Problem problem) {
            request.abortWith(problem.response(path));
        }
    }

    private void authenticate(ContainerRequestContext request, String path) {
        refuseBody(request);
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            throw unauthorized("no credentials: send HTTP Basic authentication with a user of Karaf's realm");
        }
        if (header.length() > MAX_CREDENTIALS) {
            throw unauthorized("credentials longer than " + MAX_CREDENTIALS + " characters");
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw unauthorized("the Basic credentials are not base64");
        }
        int colon = decoded.indexOf(':');
        if (colon < 1) {
            throw unauthorized("the Basic credentials are not user:password");
        }
        String user = decoded.substring(0, colon);
        Set<Principal> principals = realm.login(user, decoded.substring(colon + 1));
        if (principals == null) {
            throw unauthorized("wrong user name or password");
        }
        Set<String> roles = Realm.roles(principals);
        Role needed = needed();
        Role has = Role.highest(roles);
        if (has == null || has.compareTo(needed) < 0) {
            throw new Problem(403, "Forbidden", "user '" + user + "' has " + (has == null ? "no Basket role" : "role "
                    + has.written()) + "; this needs " + needed.written() + " (roles: "
                    + roles.stream().sorted().collect(Collectors.joining(", ")) + ")", null);
        }
        request.setSecurityContext(new User(user, roles, request.getSecurityContext().isSecure()));
    }

    private Role needed() {
        Method method = resource == null ? null : resource.getResourceMethod();
        Needs needs = method == null ? null : method.getAnnotation(Needs.class);
        return needs == null ? Role.VIEWER : needs.value();
    }

    private static void refuseBody(ContainerRequestContext request) {
        if (request.getLength() > MAX_BODY || request.getHeaderString("Transfer-Encoding") != null) {
            throw new Problem(413, "Payload Too Large", "no endpoint takes a request body (parameters go in the query)",
                    null);
        }
    }

    private static Problem unauthorized(String detail) {
        return new Problem(401, "Unauthorized", detail, null).challenge(CHALLENGE);
    }

    private record User(String name, Set<String> roles, boolean secure) implements SecurityContext {
        @Override
        public Principal getUserPrincipal() {
            return () -> name;
        }

        @Override
        public boolean isUserInRole(String role) {
            return roles.contains(role);
        }

        @Override
        public boolean isSecure() {
            return secure;
        }

        @Override
        public String getAuthenticationScheme() {
            return BASIC_AUTH;
        }
    }

}
