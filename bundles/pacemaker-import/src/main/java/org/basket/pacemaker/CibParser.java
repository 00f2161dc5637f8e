package org.basket.pacemaker;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads a CIB as untrusted input: at most {@link #MAX_BYTES} (a CIB of thousands of resources with their history
 * fits), no document type (so no external or expanding entities), no external schemas or stylesheets, and a
 * document whose root is {@code cib}.
 */
public final class CibParser {
    public static final int MAX_BYTES = 64 * 1024 * 1024;

    private CibParser() {
    }

    /** Reads at most {@code maxBytes} from {@code in}; {@code source} names the input in messages. */
    public static Document parse(InputStream in, String source, int maxBytes) throws CibException {
        byte[] bytes;
        try {
            bytes = in.readNBytes(maxBytes + 1);
        } catch (IOException e) {
            throw new CibException(source + ": cannot be read: " + e.getMessage(), e);
        }
        if (bytes.length > maxBytes) {
            throw new CibException(source + ": larger than " + maxBytes + " bytes; a CIB is refused above that");
        }
        Document document;
        try {
            DocumentBuilder builder = factory().newDocumentBuilder();
            builder.setErrorHandler(new DefaultHandler() {
                @Override
                public void error(SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            document = builder.parse(new ByteArrayInputStream(bytes), source);
        } catch (SAXParseException e) {
            throw new CibException(source + ":" + e.getLineNumber() + ": not well-formed XML: " + e.getMessage(), e);
        } catch (SAXException | IOException | ParserConfigurationException e) {
            throw new CibException(source + ": not readable XML: " + e.getMessage(), e);
        }
        Element root = document.getDocumentElement();
        if (!"cib".equals(root.getTagName())) {
            throw new CibException(source + ": not a CIB: the root element is <" + root.getTagName() + ">, not <cib>");
        }
        return document;
    }

    public static Document parse(InputStream in, String source) throws CibException {
        return parse(in, source, MAX_BYTES);
    }

    private static DocumentBuilderFactory factory() throws ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        factory.setNamespaceAware(false);
        return factory;
    }
}
