package org.basket.northbound.cim;

import java.util.List;
import java.util.Map;

/** Writes CIM-XML responses (DSP0201): instances, instance names and paths, errors. */
final class CimXml {
    private final StringBuilder xml = new StringBuilder();
    private final String host;
    private final String namespace;

    /** For the answers of a namespace on a host (the host names the paths of Associators and References). */
    CimXml(String host, String namespace) {
        this.host = host;
        this.namespace = namespace;
    }

    static String response(String messageId, String method, String returnValue) {
        return "<?xml version=\"1.0\" encoding=\"utf-8\" ?>\n<CIM CIMVERSION=\"2.0\" DTDVERSION=\"2.0\">"
                + "<MESSAGE ID=\"" + escape(messageId) + "\" PROTOCOLVERSION=\"1.0\"><SIMPLERSP><IMETHODRESPONSE NAME=\""
                + escape(method) + "\">" + returnValue + "</IMETHODRESPONSE></SIMPLERSP></MESSAGE></CIM>\n";
    }

    static String error(CimError error) {
        return "<ERROR CODE=\"" + error.code() + "\" DESCRIPTION=\"" + escape(error.getMessage()) + "\"/>";
    }

    CimXml namedInstance(CimInstance instance) {
        xml.append("<VALUE.NAMEDINSTANCE>");
        instanceName(instance.name());
        instance(instance);
        xml.append("</VALUE.NAMEDINSTANCE>");
        return this;
    }

    /** An instance without its name, as GetInstance answers. */
    CimXml instanceOnly(CimInstance instance) {
        instance(instance);
        return this;
    }

    CimXml objectWithPath(CimInstance instance) {
        xml.append("<VALUE.OBJECTWITHPATH>");
        instancePath(instance.name());
        instance(instance);
        xml.append("</VALUE.OBJECTWITHPATH>");
        return this;
    }

    CimXml objectPath(InstanceName name) {
        xml.append("<OBJECTPATH>");
        instancePath(name);
        xml.append("</OBJECTPATH>");
        return this;
    }

    CimXml instanceName(InstanceName name) {
        xml.append("<INSTANCENAME CLASSNAME=\"").append(escape(name.className())).append("\">");
        for (Map.Entry<String, CimValue> key : name.keys().entrySet()) {
            xml.append("<KEYBINDING NAME=\"").append(escape(key.getKey())).append("\">");
            if (key.getValue() instanceof CimValue.Reference reference) {
                reference(reference.target());
            } else if (key.getValue() instanceof CimValue.Scalar scalar) {
                xml.append("<KEYVALUE VALUETYPE=\"").append(scalar.type().equals("string") ? "string"
                        : scalar.type().equals("boolean") ? "boolean" : "numeric").append("\">")
                        .append(escape(scalar.value())).append("</KEYVALUE>");
            }
            xml.append("</KEYBINDING>");
        }
        xml.append("</INSTANCENAME>");
        return this;
    }

    /** The answer so far, as the content of IRETURNVALUE. */
    String returnValue() {
        return "<IRETURNVALUE>" + xml + "</IRETURNVALUE>";
    }

    private void instance(CimInstance instance) {
        xml.append("<INSTANCE CLASSNAME=\"").append(escape(instance.className())).append("\">");
        for (Map.Entry<String, CimValue> property : instance.properties().entrySet()) {
            String name = escape(property.getKey());
            CimValue value = property.getValue();
            if (value instanceof CimValue.Scalar s) {
                xml.append("<PROPERTY NAME=\"").append(name).append("\" TYPE=\"").append(s.type())
                        .append("\"><VALUE>").append(escape(s.value())).append("</VALUE></PROPERTY>");
            } else if (value instanceof CimValue.Array a) {
                xml.append("<PROPERTY.ARRAY NAME=\"").append(name).append("\" TYPE=\"").append(a.type()).append("\">");
                values(a.values());
                xml.append("</PROPERTY.ARRAY>");
            } else if (value instanceof CimValue.Reference r) {
                xml.append("<PROPERTY.REFERENCE NAME=\"").append(name).append("\" REFERENCECLASS=\"")
                        .append(escape(r.target().className())).append("\">");
                reference(r.target());
                xml.append("</PROPERTY.REFERENCE>");
            }
        }
        xml.append("</INSTANCE>");
    }

    private void values(List<String> values) {
        xml.append("<VALUE.ARRAY>");
        values.forEach(v -> xml.append("<VALUE>").append(escape(v)).append("</VALUE>"));
        xml.append("</VALUE.ARRAY>");
    }

    private void reference(InstanceName target) {
        xml.append("<VALUE.REFERENCE>");
        instancePath(target);
        xml.append("</VALUE.REFERENCE>");
    }

    private void instancePath(InstanceName name) {
        xml.append("<INSTANCEPATH><NAMESPACEPATH><HOST>").append(escape(host)).append("</HOST>");
        localNamespacePath();
        xml.append("</NAMESPACEPATH>");
        instanceName(name);
        xml.append("</INSTANCEPATH>");
    }

    private void localNamespacePath() {
        xml.append("<LOCALNAMESPACEPATH>");
        for (String part : namespace.split("/")) {
            xml.append("<NAMESPACE NAME=\"").append(escape(part)).append("\"/>");
        }
        xml.append("</LOCALNAMESPACEPATH>");
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> out.append(c < 0x20 && c != '\t' && c != '\n' && c != '\r' ? ' ' : c);
            }
        }
        return out.toString();
    }
}
