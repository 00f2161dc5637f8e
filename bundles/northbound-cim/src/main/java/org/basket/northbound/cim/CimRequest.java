package org.basket.northbound.cim;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * One CIM-XML operation request (DSP0201): a {@code SIMPLEREQ} with an {@code IMETHODCALL}, its namespace and its
 * parameters. Parsed without DTDs or external entities.
 */
record CimRequest(String messageId, String method, String namespace, Map<String, Element> parameters) {

    static CimRequest parse(byte[] body) throws ProtocolError {
        Document document;
        try {
            document = builder().parse(new ByteArrayInputStream(body));
        } catch (SAXException | IOException e) {
            throw new ProtocolError(400, "request-not-well-formed", "not well-formed XML: " + e.getMessage());
        }
        Element cim = document.getDocumentElement();
        if (!cim.getTagName().equals("CIM")) {
            throw new ProtocolError(400, "request-not-valid", "the root element is " + cim.getTagName() + ", not CIM");
        }
        if (!cim.getAttribute("CIMVERSION").startsWith("2.")) {
            throw new ProtocolError(501, "unsupported-cim-version", "CIMVERSION " + cim.getAttribute("CIMVERSION"));
        }
        if (!cim.getAttribute("DTDVERSION").startsWith("2.")) {
            throw new ProtocolError(501, "unsupported-dtd-version", "DTDVERSION " + cim.getAttribute("DTDVERSION"));
        }
        Element message = child(cim, "MESSAGE").orElseThrow(() -> invalid("no MESSAGE"));
        if (child(message, "MULTIREQ").isPresent()) {
            throw new ProtocolError(501, "multiple-requests-unsupported", "MULTIREQ is not supported");
        }
        Element simple = child(message, "SIMPLEREQ").orElseThrow(() -> invalid("no SIMPLEREQ"));
        if (child(simple, "METHODCALL").isPresent()) {
            throw new ProtocolError(501, "unsupported-operation", "extrinsic methods are not supported");
        }
        Element call = child(simple, "IMETHODCALL").orElseThrow(() -> invalid("no IMETHODCALL"));
        Element local = child(call, "LOCALNAMESPACEPATH").orElseThrow(() -> invalid("no LOCALNAMESPACEPATH"));
        List<String> parts = new ArrayList<>();
        children(local, "NAMESPACE").forEach(n -> parts.add(n.getAttribute("NAME")));
        Map<String, Element> parameters = new LinkedHashMap<>();
        children(call, "IPARAMVALUE").forEach(p -> parameters.put(p.getAttribute("NAME").toLowerCase(java.util.Locale.ROOT), p));
        return new CimRequest(message.getAttribute("ID"), call.getAttribute("NAME"), String.join("/", parts), parameters);
    }

    /** The class a {@code CLASSNAME} parameter names, if given. */
    Optional<String> className(String parameter) throws CimError {
        Element value = parameters.get(parameter.toLowerCase(java.util.Locale.ROOT));
        if (value == null) {
            return Optional.empty();
        }
        Element name = child(value, "CLASSNAME").orElseThrow(() -> new CimError(CimError.INVALID_PARAMETER,
                parameter + " is not a CLASSNAME"));
        return Optional.of(name.getAttribute("NAME"));
    }

    /** A string parameter ({@code VALUE}), if given. */
    Optional<String> string(String parameter) {
        Element value = parameters.get(parameter.toLowerCase(java.util.Locale.ROOT));
        return value == null ? Optional.empty() : child(value, "VALUE").map(Element::getTextContent).map(String::trim);
    }

    /** The instance an {@code INSTANCENAME} parameter names. */
    InstanceName instanceName(String parameter) throws CimError {
        Element value = parameters.get(parameter.toLowerCase(java.util.Locale.ROOT));
        if (value == null) {
            throw new CimError(CimError.INVALID_PARAMETER, "missing parameter " + parameter);
        }
        Element name = child(value, "INSTANCENAME").orElseThrow(() -> new CimError(child(value, "CLASSNAME").isPresent()
                ? CimError.NOT_SUPPORTED : CimError.INVALID_PARAMETER, parameter + " must name an instance"));
        return instanceName(name);
    }

    private static InstanceName instanceName(Element name) throws CimError {
        Map<String, CimValue> keys = new LinkedHashMap<>();
        for (Element binding : children(name, "KEYBINDING")) {
            Optional<Element> keyValue = child(binding, "KEYVALUE");
            if (keyValue.isPresent()) {
                keys.put(binding.getAttribute("NAME"), CimValue.string(keyValue.get().getTextContent()));
                continue;
            }
            Element reference = child(binding, "VALUE.REFERENCE").orElseThrow(() -> new CimError(CimError.INVALID_PARAMETER,
                    "key " + binding.getAttribute("NAME") + " has no value"));
            keys.put(binding.getAttribute("NAME"), new CimValue.Reference(instanceName(nested(reference))));
        }
        return new InstanceName(name.getAttribute("CLASSNAME"), keys);
    }

    /** The INSTANCENAME inside a VALUE.REFERENCE, directly or in an (LOCAL)INSTANCEPATH. */
    private static Element nested(Element reference) throws CimError {
        Optional<Element> direct = child(reference, "INSTANCENAME");
        if (direct.isPresent()) {
            return direct.get();
        }
        for (String path : List.of("LOCALINSTANCEPATH", "INSTANCEPATH")) {
            Optional<Element> inPath = child(reference, path).flatMap(p -> child(p, "INSTANCENAME"));
            if (inPath.isPresent()) {
                return inPath.get();
            }
        }
        throw new CimError(CimError.INVALID_PARAMETER, "a reference without an instance name");
    }

    private static ProtocolError invalid(String what) {
        return new ProtocolError(400, "request-not-valid", what);
    }

    static Optional<Element> child(Element parent, String tag) {
        List<Element> found = children(parent, tag);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    static List<Element> children(Element parent, String tag) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(tag)) {
                found.add(e);
            }
        }
        return found;
    }

    private static DocumentBuilder builder() throws ProtocolError {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(new org.xml.sax.helpers.DefaultHandler()); // throws on fatal errors, prints nothing
            return builder;
        } catch (ParserConfigurationException e) {
            throw new ProtocolError(500, "request-not-valid", "no XML parser: " + e.getMessage());
        }
    }
}
