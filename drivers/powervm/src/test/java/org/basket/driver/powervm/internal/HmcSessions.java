package org.basket.driver.powervm.internal;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.w3c.dom.Element;

import com.sun.net.httpserver.HttpExchange;

/**
 * The simulated HMC's logon: {@code PUT /rest/api/web/Logon} with a LogonRequest of user hscroot and the simulator's
 * random password answers a LogonResponse with a new X-API-Session token (wrong credentials: 401); {@code DELETE} of it
 * logs off.
 */
final class HmcSessions {
    static final String LOGON_PATH = "/rest/api/web/Logon";
    static final String USER = "hscroot";

    final String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(8));
    private final Set<String> tokens = ConcurrentHashMap.newKeySet();
    private final HmcAnswers answers;
    private final CallCounts calls;

    HmcSessions(HmcAnswers answers, CallCounts calls) {
        this.answers = answers;
        this.calls = calls;
    }

    boolean valid(String token) {
        return token != null && tokens.contains(token);
    }

    /** Every session expires: the next request of each client is answered 401. */
    void expireAll() {
        tokens.clear();
    }

    void logon(HttpExchange exchange, String method, byte[] body) throws IOException {
        calls.count("Logon" + (method.equals("DELETE") ? "Off" : ""));
        if (method.equals("DELETE")) {
            tokens.remove(exchange.getRequestHeaders().getFirst("X-API-Session"));
            exchange.sendResponseHeaders(204, -1);
            return;
        }
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (!method.equals("PUT") || type == null || !type.contains("type=LogonRequest")) {
            answers.error(exchange, 400, "Bad request", "Logon needs a PUT of a LogonRequest");
            return;
        }
        Element request = Xml.parse(body);
        if (!USER.equals(Xml.text(request, "UserID")) || !password.equals(Xml.text(request, "Password"))) {
            answers.error(exchange, 401, "Unauthorized", "The user ID or password is not valid.");
            return;
        }
        String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(24));
        tokens.add(token);
        answers.send(exchange, 200, "application/vnd.ibm.powervm.web+xml; type=LogonResponse", HmcXml.logonResponse(token));
    }
}
