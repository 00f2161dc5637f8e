package org.basket.agent.monitors.ocf;

import java.io.IOException;
import java.io.StringReader;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/** The parameters a resource agent declares in its meta-data XML, and which of them are required. */
record OcfMetadata(Set<String> parameters, Set<String> required) {

    static OcfMetadata parse(String xml) throws IOException {
        try {
            NodeList nodes = builder().parse(new InputSource(new StringReader(xml))).getElementsByTagName("parameter");
            Set<String> parameters = new TreeSet<>();
            Set<String> required = new TreeSet<>();
            for (int i = 0; i < nodes.getLength(); i++) {
                Element parameter = (Element) nodes.item(i);
                String name = parameter.getAttribute("name");
                parameters.add(name);
                if ("1".equals(parameter.getAttribute("required")) || "true".equals(parameter.getAttribute("required"))) {
                    required.add(name);
                }
            }
            return new OcfMetadata(Set.copyOf(parameters), Set.copyOf(required));
        } catch (SAXException | ParserConfigurationException e) {
            throw new IOException("meta-data is not valid XML: " + e.getMessage(), e);
        }
    }

    /** Agents declare a DOCTYPE; it is read but its external DTD is never loaded. */
    private static DocumentBuilder builder() throws ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        return factory.newDocumentBuilder();
    }
}
