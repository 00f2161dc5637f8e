package org.basket.driver.powervm.internal;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The simulated HMC's answers, in the shapes of IBM's recorded HMC responses (pypowervm/tests/data: managedsystem.txt,
 * lpar.txt, logon.xml, job_response_completed_ok.txt, job_response_completed_failed.txt, fake_httperror.txt): Atom feeds
 * and entries whose content is a uom or web schema element, elements with their kb/kxe attributes; only the
 * elements Basket reads, and the Metadata every element carries.
 */
final class HmcXml {
    static final String UOM = "http://www.ibm.com/xmlns/systems/power/firmware/uom/mc/2012_10/";
    static final String WEB = "http://www.ibm.com/xmlns/systems/power/firmware/web/mc/2012_10/";
    private static final String ATOM_HEAD = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

    private HmcXml() {
    }

    static String feed(String base, String path, List<String> entries) {
        return ATOM_HEAD + "<feed xmlns=\"http://www.w3.org/2005/Atom\" xmlns:ns2=\"http://a9.com/-/spec/opensearch/1.1/\""
                + " xmlns:ns3=\"http://www.w3.org/1999/xhtml\">\n    <id>" + UUID.nameUUIDFromBytes(path.getBytes()) + "</id>\n"
                + "    <updated>2026-12-04T00:00:00.000Z</updated>\n    <link rel=\"SELF\" href=\"" + base + path + "\"/>\n"
                + "    <generator>IBM Power Systems Management Console</generator>\n" + String.join("", entries) + "</feed>\n";
    }

    static String entry(String base, String selfPath, String id, String title, String service, String content) {
        return "    <entry>\n        <id>" + id + "</id>\n        <title>" + title + "</title>\n"
                + "        <published>2026-12-04T00:00:00.000Z</published>\n        <link rel=\"SELF\" href=\"" + base + selfPath + "\"/>\n"
                + "        <author>\n            <name>IBM Power Systems Management Console</name>\n        </author>\n"
                + "        <content type=\"application/vnd.ibm.powervm." + service + "+xml; type=" + title + "\">\n" + content
                + "        </content>\n    </entry>\n";
    }

    static String document(String entry) {
        return ATOM_HEAD + entry.replaceFirst("<entry>", "<entry xmlns=\"http://www.w3.org/2005/Atom\" xmlns:ns2=\"http://a9.com/-/spec/opensearch/1.1/\""
                + " xmlns:ns3=\"http://www.w3.org/1999/xhtml\">");
    }

    static String element(String name, Object value) {
        return "    <" + name + " kb=\"ROR\" kxe=\"false\">" + escape(String.valueOf(value)) + "</" + name + ">\n";
    }

    static String root(String type, String namespace, String id, String body) {
        return "<" + type + ":" + type + " xmlns:" + type + "=\"" + namespace + "\" xmlns=\"" + namespace
                + "\" xmlns:ns2=\"http://www.w3.org/XML/1998/namespace/k2\" schemaVersion=\"V1_0\">\n    <Metadata>\n        <Atom>"
                + (id == null ? "" : "\n            <AtomID>" + id + "</AtomID>\n            <AtomCreated>1764806400000</AtomCreated>\n        ")
                + "</Atom>\n    </Metadata>\n" + body + "</" + type + ":" + type + ">\n";
    }

    static String logonResponse(String token) {
        return ATOM_HEAD + "<LogonResponse xmlns=\"" + WEB + "\" schemaVersion=\"V1_1_0\">\n    <Metadata>\n        <Atom/>\n"
                + "    </Metadata>\n    <X-API-Session kb=\"ROR\" kxe=\"false\">" + token + "</X-API-Session>\n</LogonResponse>\n";
    }

    static String httpError(String base, int status, String uri, String reason, String message) {
        String body = element("HTTPStatus", status) + element("RequestURI", uri) + element("ReasonCode", reason)
                + element("Message", message) + "    <RequestBody kb=\"ROO\" kxe=\"false\"/>\n"
                + "    <RequestHeaders kb=\"ROO\" kxe=\"false\">{X-API-Session=*******}</RequestHeaders>\n";
        return document(entry(base, uri, UUID.randomUUID().toString(), "HttpErrorResponse", "web",
                root("HttpErrorResponse", WEB, null, body)));
    }

    static String jobParameters(String wrapper, Map<String, String> parameters) {
        StringBuilder out = new StringBuilder("    <" + wrapper + " kb=\"ROR\" kxe=\"false\" schemaVersion=\"V1_0\">\n"
                + "        <Metadata>\n            <Atom/>\n        </Metadata>\n");
        parameters.forEach((name, value) -> out.append("        <JobParameter schemaVersion=\"V1_0\">\n            <Metadata>\n"
                + "                <Atom/>\n            </Metadata>\n").append("    ").append(element("ParameterName", name))
                .append("    ").append(element("ParameterValue", value)).append("        </JobParameter>\n"));
        return out.append("    </").append(wrapper).append(">\n").toString();
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
