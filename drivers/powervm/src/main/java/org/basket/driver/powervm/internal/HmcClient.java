package org.basket.driver.powervm.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import org.basket.api.driver.DriverException;
import org.basket.driver.http.BoundedBody;
import org.w3c.dom.Element;

/**
 * One logon session with an HMC's REST API: {@code PUT /rest/api/web/Logon} with a LogonRequest gives the
 * {@code X-API-Session} token every later request carries. An expired session (HTTP 401) is logged on again
 * once and the request sent again: a refused request did nothing. Reads are also sent again after a broken
 * connection; a job request is not, since it may have started. Answers larger than {@link #MAX_BODY} are refused.
 * The password and the token are never part of a message.
 */
final class HmcClient {
    static final String WEB = "http://www.ibm.com/xmlns/systems/power/firmware/web/mc/2012_10/";
    private static final String TYPE = "application/vnd.ibm.powervm.web+xml; type=";
    private static final int MAX_BODY = 16 * 1024 * 1024;
    private static final int READ_ATTEMPTS = 3;

    private final PowervmSettings settings;
    private final HttpClient http;
    private volatile String session;

    HmcClient(PowervmSettings settings) throws DriverException {
        this.settings = settings;
        this.http = settings.https().client(settings.endpoint()).build();
    }

    /** Logs on; fails naming the endpoint, never the password. */
    synchronized void logon() throws DriverException {
        String body = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<LogonRequest xmlns=\"" + WEB
                + "\" schemaVersion=\"V1_0\">\n    <UserID>" + Xml.escape(settings.username()) + "</UserID>\n    <Password>"
                + Xml.escape(settings.password()) + "</Password>\n</LogonRequest>";
        HttpRequest request = request("/rest/api/web/Logon").header("Content-Type", TYPE + "LogonRequest")
                .header("Accept", TYPE + "LogonResponse").PUT(HttpRequest.BodyPublishers.ofString(body)).build();
        Answer answer;
        try {
            answer = send(request);
        } catch (IOException e) {
            throw new DriverException(where() + ": cannot log on: " + reason(e), e);
        }
        if (answer.status() != 200) {
            throw new DriverException(where() + ": log on as " + settings.username() + " refused: " + answer.error());
        }
        String token = Xml.text(xml(answer, where() + ": log on"), "X-API-Session");
        if (token.isEmpty()) {
            throw new DriverException(where() + ": the LogonResponse holds no X-API-Session");
        }
        session = token;
    }

    /** Logs off (DELETE of the logon), best effort. */
    void logoff() {
        String token = session;
        session = null;
        if (token != null) {
            try {
                send(request("/rest/api/web/Logon").header("X-API-Session", token).DELETE().build());
            } catch (IOException | DriverException e) {
                // the session expires on the HMC anyway
            }
        }
    }

    /** GET of a feed or an entry under {@code /rest/api/uom}; its root element. */
    Element read(String path, String what) throws DriverException {
        IOException last = null;
        for (int attempt = 0; attempt < READ_ATTEMPTS; attempt++) {
            try {
                Answer answer = authenticated(() -> request(path).header("Accept", "application/atom+xml").GET());
                if (answer.status() != 200) {
                    throw new DriverException(what + ": " + answer.error());
                }
                return answer.xml();
            } catch (IOException e) {
                last = e;
            }
        }
        throw new DriverException(what + ": " + reason(last) + " (" + READ_ATTEMPTS + " attempts)", last);
    }

    /**
     * Starts a job: PUT of a JobRequest to {@code <target>/do/<operation>}; its JobID. Not sent again after a broken
     * connection, since the HMC may have started it.
     */
    String startJob(String target, String operation, String group, Map<String, String> parameters, String what)
            throws DriverException {
        StringBuilder body = new StringBuilder("<JobRequest:JobRequest xmlns:JobRequest=\"" + WEB + "\" xmlns=\"" + WEB
                + "\" schemaVersion=\"V1_0\">\n<Metadata><Atom/></Metadata>\n<RequestedOperation kb=\"CUR\" kxe=\"false\" schemaVersion=\"V1_0\">"
                + "<Metadata><Atom/></Metadata><OperationName kb=\"ROR\" kxe=\"false\">" + operation
                + "</OperationName><GroupName kb=\"ROR\" kxe=\"false\">" + group + "</GroupName></RequestedOperation>\n"
                + "<JobParameters kb=\"CUR\" kxe=\"false\" schemaVersion=\"V1_0\"><Metadata><Atom/></Metadata>");
        parameters.forEach((name, value) -> body.append("<JobParameter schemaVersion=\"V1_0\"><Metadata><Atom/></Metadata>")
                .append("<ParameterName kb=\"ROR\" kxe=\"false\">").append(Xml.escape(name)).append("</ParameterName>")
                .append("<ParameterValue kb=\"CUR\" kxe=\"false\">").append(Xml.escape(value)).append("</ParameterValue></JobParameter>"));
        body.append("</JobParameters>\n</JobRequest:JobRequest>");
        Answer answer;
        try {
            answer = authenticated(() -> request(target + "/do/" + operation).header("Content-Type", TYPE + "JobRequest")
                    .header("Accept", "application/atom+xml").PUT(HttpRequest.BodyPublishers.ofString(body.toString())));
        } catch (IOException e) {
            throw new DriverException(what + ": " + reason(e) + "; whether the HMC started the " + operation + " job is unknown", e);
        }
        if (answer.status() != 200) {
            throw new DriverException(what + ": " + answer.error());
        }
        String id = Xml.text(xml(answer, what), "JobID");
        if (id.isEmpty()) {
            throw new DriverException(what + ": the HMC's JobResponse holds no JobID");
        }
        return id;
    }

    /** Deletes a finished job's record, best effort. */
    void deleteJob(String id) {
        try {
            authenticated(() -> request("/rest/api/uom/jobs/" + id).DELETE());
        } catch (IOException | DriverException e) {
            // the HMC removes finished jobs by itself after a while
        }
    }

    private static Element xml(Answer answer, String what) throws DriverException {
        try {
            return answer.xml();
        } catch (IOException e) {
            throw new DriverException(what + ": the answer to " + answer.asked() + " is " + e.getMessage(), e);
        }
    }

    String where() {
        return "driver '" + settings.endpoint() + "' (" + settings.url() + ")";
    }

    private interface Builder {
        HttpRequest.Builder build();
    }

    private Answer authenticated(Builder builder) throws IOException, DriverException {
        String token = session;
        if (token == null) {
            logon();
            token = session;
        }
        Answer answer = send(builder.build().header("X-API-Session", token).build());
        if (answer.status() == 401) {
            answer = send(builder.build().header("X-API-Session", renew(token)).build());
        }
        return answer;
    }

    /** A new session in place of an expired one; a thread that finds it renewed already uses that one. */
    private synchronized String renew(String expired) throws DriverException {
        if (expired.equals(session) || session == null) {
            logon();
        }
        return session;
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(settings.url() + path)).timeout(settings.https().callTimeout());
    }

    private Answer send(HttpRequest request) throws IOException, DriverException {
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                byte[] body = BoundedBody.read(in, MAX_BODY, "answer to " + request.method() + " " + request.uri().getPath());
                return new Answer(response.statusCode(), body, request.method() + " " + request.uri().getPath());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DriverException(where() + ": interrupted during " + request.method() + " " + request.uri().getPath());
        }
    }

    /** An HTTP answer: its status, its body, what was asked. */
    record Answer(int status, byte[] body, String asked) {
        Element xml() throws IOException {
            return Xml.parse(body);
        }

        /** The HttpErrorResponse's message and reason code, or the status alone. */
        String error() {
            String message = "";
            String code = "";
            try {
                Element root = Xml.parse(body);
                message = Xml.text(root, "Message");
                code = Xml.text(root, "ReasonCode");
            } catch (IOException e) {
                // no HttpErrorResponse: the status says it all
            }
            return "HTTP " + status + " on " + asked + (message.isEmpty() ? "" : ": " + message)
                    + (code.isEmpty() ? "" : " (" + code + ")");
        }
    }

    static String reason(IOException e) {
        if (e instanceof ConnectException) {
            return "cannot connect" + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
