package org.basket.fence;

import java.io.IOException;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/** Parses the XML that {@code fence_* -o metadata} prints. */
final class AgentMetadataParser {

    private AgentMetadataParser() {
    }

    static AgentMetadata parse(String agent, String xml) throws FenceAgentException {
        int start = xml.indexOf('<');
        if (start < 0) {
            throw new FenceAgentException(FenceFailure.AGENT_ERROR, agent + " -o metadata printed no XML");
        }
        try {
            Element root = newBuilder().parse(new InputSource(new StringReader(xml.substring(start)))).getDocumentElement();
            return new AgentMetadata(agent, parameters(root), actions(root));
        } catch (SAXException | IOException | ParserConfigurationException e) {
            throw new FenceAgentException(FenceFailure.AGENT_ERROR, agent + " -o metadata printed invalid XML: " + e.getMessage());
        }
    }

    private static Map<String, AgentParameter> parameters(Element root) {
        Map<String, AgentParameter> parameters = new LinkedHashMap<>();
        NodeList nodes = root.getElementsByTagName("parameter");
        for (int i = 0; i < nodes.getLength(); i++) {
            Element element = (Element) nodes.item(i);
            String name = element.getAttribute("name");
            parameters.put(name, new AgentParameter(
                    name,
                    "1".equals(element.getAttribute("required")),
                    "1".equals(element.getAttribute("deprecated")),
                    element.getAttribute("obsoletes"),
                    firstAttribute(element, "content", "type"),
                    firstText(element, "shortdesc")));
        }
        return parameters;
    }

    private static Set<String> actions(Element root) {
        Set<String> actions = new LinkedHashSet<>();
        NodeList nodes = root.getElementsByTagName("action");
        for (int i = 0; i < nodes.getLength(); i++) {
            actions.add(((Element) nodes.item(i)).getAttribute("name"));
        }
        return actions;
    }

    private static String firstAttribute(Element parent, String tag, String attribute) {
        NodeList nodes = parent.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? "" : ((Element) nodes.item(0)).getAttribute(attribute);
    }

    private static String firstText(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent().trim();
    }

    private static DocumentBuilder newBuilder() throws ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        DocumentBuilder builder = factory.newDocumentBuilder();
        builder.setErrorHandler(new DefaultHandler());
        return builder;
    }
}
