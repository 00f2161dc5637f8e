package org.basket.driver.powervm.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/** The few XML reads the HMC's answers need: parse without DTDs or entities, find elements by local name. */
final class Xml {
    private Xml() {
    }

    static Element parse(byte[] body) throws IOException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setExpandEntityReferences(false);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(body)).getDocumentElement();
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("not XML: " + e.getMessage(), e);
        }
    }

    /** Every descendant named {@code name} (any namespace), in document order. */
    static List<Element> all(Element root, String name) {
        List<Element> found = new ArrayList<>();
        collect(root, name, found);
        return found;
    }

    /** The direct children named {@code name}. */
    static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getLocalName())) {
                found.add(e);
            }
        }
        return found;
    }

    static Optional<Element> first(Element root, String name) {
        List<Element> found = all(root, name);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** The trimmed text of the first descendant named {@code name}, or empty. */
    static String text(Element root, String name) {
        return first(root, name).map(e -> e.getTextContent().trim()).orElse("");
    }

    /** The trimmed text of the direct child named {@code name}, or empty: for elements a nested one may repeat (State). */
    static String childText(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? "" : found.get(0).getTextContent().trim();
    }

    private static void collect(Element element, String name, List<Element> found) {
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                if (name.equals(e.getLocalName())) {
                    found.add(e);
                }
                collect(e, name, found);
            }
        }
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
